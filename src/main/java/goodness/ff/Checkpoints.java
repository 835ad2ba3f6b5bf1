package goodness.ff;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.ejml.data.FMatrixRMaj;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Versioned binary checkpoints (full training state) and model files (inference weights only).
 *
 * <pre>
 *   "GOODNESS" (8 bytes)  format version (int)  kind (int: 1 state, 2 model)
 *   config as JSON (int length + UTF-8)
 *   network: layer count, then per layer W (rows, cols, floats), b, readout (flag + matrix); top layer (flag + matrix)
 *   [state only] epoch, batch, batch counter, data order, RNG state, negative mode, phases, rate scale,
 *                named float buffers, named double accumulators
 *   CRC-32 of every byte before it (long)
 * </pre>
 * Big-endian throughout. Writes go to a temporary file in the same folder, forced to disk, then an atomic rename,
 * so a crash mid-write leaves the previous file intact. Reads check magic, version, length and
 * CRC before parsing anything, so a truncated, corrupt or foreign file is rejected with a clear
 * message and never yields a half-loaded model.
 */
public final class Checkpoints {
    private static final byte[] MAGIC = "GOODNESS".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;
    private static final int KIND_STATE = 1, KIND_MODEL = 2;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private Checkpoints() {
    }

    /** Writes the full training state to {@code file} atomically. */
    public static void saveState(TrainingState state, Path file) {
        write(file, encode(KIND_STATE, state.config(), state.network(), state));
    }

    /** Writes only what inference needs (config + network) to {@code file} atomically. */
    public static void saveModel(FFNetwork network, Path file) {
        write(file, encode(KIND_MODEL, network.config(), network, null));
    }

    /** Reads a full training state; a model-only file is rejected (it cannot resume training). */
    public static TrainingState loadState(Path file) {
        Decoded d = decode(file);
        if (d.state == null) throw new CheckpointException(file + ": is a model file (weights only); resuming needs a training checkpoint");
        return d.state;
    }

    /** Reads the network of either a model file or a training checkpoint. */
    public static FFNetwork loadModel(Path file) {
        return decode(file).network;
    }

    /** Reads a network from bytes (e.g. a bundled resource); {@code name} is used in messages. */
    public static FFNetwork loadModel(byte[] bytes, String name) {
        return decode(bytes, name).network;
    }

    // ------------------------------------------------------------------------------------------

    private static byte[] encode(int kind, FFConfig config, FFNetwork net, TrainingState s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(estimate(net) * (s == null ? 1 : 2) + 4096);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(kind);
            byte[] json = GSON.toJson(config).getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.writeInt(net.layerCount());
            for (int l = 0; l < net.layerCount(); l++) {
                writeMatrix(out, net.weights[l]);
                writeFloats(out, net.biases[l]);
                out.writeBoolean(net.readout[l] != null);
                if (net.readout[l] != null) writeMatrix(out, net.readout[l]);
            }
            out.writeBoolean(net.topLayer != null);
            if (net.topLayer != null) writeMatrix(out, net.topLayer);
            if (s != null) {
                out.writeInt(s.epoch());
                out.writeInt(s.batchInEpoch());
                out.writeLong(s.batchCounter());
                out.writeInt(s.order().length);
                for (int v : s.order()) out.writeInt(v);
                out.writeInt(s.rngState().length);
                for (long v : s.rngState()) out.writeLong(v);
                out.writeUTF(s.negatives().name());
                out.writeUTF(s.phases().toString());
                out.writeDouble(s.rateScale());
                out.writeInt(s.buffers().size());
                for (Map.Entry<String, float[]> e : s.buffers().entrySet()) {
                    out.writeUTF(e.getKey());
                    writeFloats(out, e.getValue());
                }
                out.writeInt(s.accumulators().size());
                for (Map.Entry<String, double[]> e : s.accumulators().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (double v : e.getValue()) out.writeDouble(v);
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new CheckpointException("cannot encode checkpoint: " + e.getMessage(), e);
        }
    }

    private static int estimate(FFNetwork net) {
        int n = 0;
        for (int l = 0; l < net.layerCount(); l++) n += net.weights[l].getNumElements() * 4;
        return n;
    }

    private static void write(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
            // Forced to disk before the rename: after a crash the file is the old one or the whole new one.
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(dir);
        } catch (IOException e) {
            if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Makes the rename durable (Linux allows forcing a folder; elsewhere the file system's ordering has to do). */
    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform
        }
    }

    private record Decoded(FFNetwork network, TrainingState state) {
    }

    private static Decoded decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": file not found");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    private static Decoded decode(byte[] bytes, String name) {
        if (bytes.length < MAGIC.length + 16 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC))
            throw new CheckpointException(name + ": not a Goodness checkpoint or model file (wrong magic)");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version != FORMAT_VERSION)
            throw new CheckpointException(name + ": format version " + version + " is not supported (this build reads version " + FORMAT_VERSION + ")");
        if (crc.getValue() != stored)
            throw new CheckpointException(name + ": checksum mismatch: the file is truncated or corrupt");
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
            in.skipNBytes(MAGIC.length + 4);
            int kind = in.readInt();
            if (kind != KIND_STATE && kind != KIND_MODEL) throw new CheckpointException(name + ": unknown content kind " + kind);
            byte[] json = new byte[checkedLength(in.readInt(), 1 << 20, name)];
            in.readFully(json);
            FFConfig config = GSON.fromJson(new String(json, StandardCharsets.UTF_8), FFConfig.class);
            // Re-run validation: Gson builds records through their canonical constructor.
            int layers = in.readInt();
            if (layers != config.layerCount()) throw new CheckpointException(name + ": has " + layers + " layers but its config says " + config.layerCount());
            FMatrixRMaj[] w = new FMatrixRMaj[layers];
            float[][] b = new float[layers][];
            FMatrixRMaj[] s = new FMatrixRMaj[layers];
            for (int l = 0; l < layers; l++) {
                w[l] = readMatrix(in, name);
                b[l] = readFloats(in, name);
                if (in.readBoolean()) s[l] = readMatrix(in, name);
            }
            FMatrixRMaj top = in.readBoolean() ? readMatrix(in, name) : null;
            FFNetwork net;
            try {
                net = FFNetwork.of(config, w, b, s, top);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(name + ": " + e.getMessage());
            }
            TrainingState state = null;
            if (kind == KIND_STATE) {
                int epoch = in.readInt(), batch = in.readInt();
                long counter = in.readLong();
                int[] order = new int[checkedLength(in.readInt(), 10_000_000, name)];
                for (int i = 0; i < order.length; i++) order[i] = in.readInt();
                long[] rng = new long[checkedLength(in.readInt(), 64, name)];
                for (int i = 0; i < rng.length; i++) rng[i] = in.readLong();
                NegativeMode mode = NegativeMode.valueOf(in.readUTF());
                PhaseSchedule phases = PhaseSchedule.parse(in.readUTF());
                double rate = in.readDouble();
                Map<String, float[]> buffers = new HashMap<>();
                int nb = checkedLength(in.readInt(), 10_000, name);
                for (int i = 0; i < nb; i++) buffers.put(in.readUTF(), readFloats(in, name));
                Map<String, double[]> acc = new HashMap<>();
                int na = checkedLength(in.readInt(), 10_000, name);
                for (int i = 0; i < na; i++) {
                    String key = in.readUTF();
                    double[] v = new double[checkedLength(in.readInt(), 10_000_000, name)];
                    for (int k = 0; k < v.length; k++) v[k] = in.readDouble();
                    acc.put(key, v);
                }
                state = new TrainingState(config, net, epoch, batch, counter, order, rng, mode, phases, rate, buffers, acc);
            }
            if (in.available() != 0) throw new CheckpointException(name + ": " + in.available() + " unexpected bytes after the content");
            return new Decoded(net, state);
        } catch (EOFException e) {
            throw new CheckpointException(name + ": ends early: the file is truncated");
        } catch (IOException | JsonParseException | IllegalArgumentException e) {
            throw new CheckpointException(name + ": malformed content: " + e.getMessage(), e);
        }
    }

    private static int checkedLength(int n, int max, String name) {
        if (n < 0 || n > max) throw new CheckpointException(name + ": implausible length " + n + " (corrupt file)");
        return n;
    }

    private static void writeMatrix(DataOutputStream out, FMatrixRMaj m) throws IOException {
        out.writeInt(m.numRows);
        out.writeInt(m.numCols);
        writeRaw(out, m.data, m.getNumElements());
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        writeRaw(out, v, v.length);
    }

    private static void writeRaw(DataOutputStream out, float[] v, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n * 4).order(ByteOrder.BIG_ENDIAN);
        buf.asFloatBuffer().put(v, 0, n);
        out.write(buf.array());
    }

    private static FMatrixRMaj readMatrix(DataInputStream in, String name) throws IOException {
        int rows = checkedLength(in.readInt(), 100_000, name), cols = checkedLength(in.readInt(), 100_000, name);
        if ((long) rows * cols > 200_000_000L) throw new CheckpointException(name + ": implausible matrix " + rows + "x" + cols);
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        readRaw(in, m.data, rows * cols);
        return m;
    }

    private static float[] readFloats(DataInputStream in, String name) throws IOException {
        float[] v = new float[checkedLength(in.readInt(), 200_000_000, name)];
        readRaw(in, v, v.length);
        return v;
    }

    private static void readRaw(DataInputStream in, float[] v, int n) throws IOException {
        byte[] b = new byte[n * 4];
        in.readFully(b);
        ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v, 0, n);
    }
}
