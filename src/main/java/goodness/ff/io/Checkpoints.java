package goodness.ff.io;

import goodness.data.DataFileException;
import goodness.data.HeapBudget;
import goodness.data.UserFiles;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.InvalidConfigException;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.Recipe;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;
import org.ejml.data.FMatrixRMaj;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *   network: layer count, then per layer W (rows, cols, floats), b, readout (flag + matrix); top layer (flag + matrix);
 *            recurrent networks only: the top-down matrices V1..VL (rows, cols, floats)
 *   [state only] epoch, batch, batch counter, data order, RNG state, negative mode, phases, rate scale,
 *                named float buffers, named double accumulators
 *   CRC-32 of every byte before it (long)
 * </pre>
 * Big-endian throughout. Writes go to a temporary file in the same folder, forced to disk, then an atomic rename,
 * so a crash mid-write leaves the previous file intact. Reads check magic, version, length and
 * CRC before parsing anything, so a truncated, corrupt or foreign file is rejected with a clear
 * message and never yields a half-loaded model; then the content is validated field by field as
 * if the file were hand-made (see {@code decode}), because a right checksum only says that
 * nothing changed after it was computed. Files are read through {@link UserFiles}: regular
 * files only, at most {@link #maxFileBytes()}.
 */
public final class Checkpoints {
    private static final byte[] MAGIC = "GOODNESS".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;
    private static final int KIND_STATE = 1, KIND_MODEL = 2;

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
            byte[] json = JsonFormat.GSON.toJson(config).getBytes(StandardCharsets.UTF_8);
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
            if (net.topDown != null) for (FMatrixRMaj v : net.topDown) writeMatrix(out, v);   // recurrent networks only
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

    /** Crash-safe: after a crash the file is the old one or the whole new one ({@link AtomicFiles}). */
    private static void write(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private record Decoded(FFNetwork network, TrainingState state) {
    }

    /**
     * Largest model or checkpoint file read: a third of the heap, because decoding holds the
     * file's bytes and the decoded arrays at once, and training then allocates its own buffers.
     */
    static long maxFileBytes() {
        return HeapBudget.maxHeap() / 3;
    }

    private static Decoded decode(Path file) {
        byte[] bytes;
        try {
            bytes = UserFiles.readAll(file, maxFileBytes(), "a model or checkpoint");
        } catch (DataFileException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    /*
     * Reading is in two stages. The frame (magic, version, CRC) says whether the bytes are what
     * this build wrote. The content is then validated as if the file were hand-made, because a
     * checksum only proves that nothing changed after the checksum was computed: every length is
     * checked against the bytes that remain before anything is allocated, the config is parsed
     * field by field (ConfigJson), every matrix against the shape the config implies, every
     * number for NaN or infinity, the cursor against the data order, the order for being a
     * permutation. Each failure is a CheckpointException "<file>: <field>: <problem>".
     */
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
            Content in = new Content(bytes, bytes.length - 8, name);
            in.skip(MAGIC.length + 4);
            int kind = in.readInt();
            if (kind != KIND_STATE && kind != KIND_MODEL) throw new CheckpointException(name + ": unknown content kind " + kind);
            byte[] json = in.bytes(in.length("config", 1 << 20, 1));
            FFConfig config;
            try {
                config = ConfigJson.parse(new String(json, StandardCharsets.UTF_8));
            } catch (InvalidConfigException e) {
                throw new CheckpointException(name + ": config: " + e.getMessage(), e);
            }
            int layers = in.readInt();
            if (layers != config.layerCount()) throw new CheckpointException(name + ": has " + layers + " layers but its config says " + config.layerCount());
            FMatrixRMaj[] w = new FMatrixRMaj[layers];
            float[][] b = new float[layers][];
            FMatrixRMaj[] s = new FMatrixRMaj[layers];
            int fanIn = FFConfig.IMAGE_PIXELS;
            for (int l = 0; l < layers; l++) {
                int width = config.width(l);
                w[l] = in.matrix("W" + (l + 1), fanIn, width);
                b[l] = in.floats("b" + (l + 1), width);
                boolean wantReadout = config.recipe() == Recipe.HINTON && l >= 1;
                boolean hasReadout = in.readBoolean("S" + (l + 1) + " flag");
                if (hasReadout != wantReadout)
                    throw new CheckpointException(name + ": S" + (l + 1) + ": a " + config.recipe().id() + " network "
                            + (wantReadout ? "has" : "has no") + " softmax readout on layer " + (l + 1));
                if (hasReadout) s[l] = in.matrix("S" + (l + 1), width, FFConfig.LABELS);
                fanIn = width;
            }
            boolean hasTop = in.readBoolean("top layer flag");
            if (hasTop != config.topLayerTerm())
                throw new CheckpointException(name + ": top layer: the config " + (config.topLayerTerm() ? "asks for" : "has no") + " top-layer term but the file "
                        + (hasTop ? "holds" : "lacks") + " one");
            FMatrixRMaj top = hasTop ? in.matrix("top layer", fanIn, FFConfig.LABELS) : null;
            FMatrixRMaj[] v = null;
            if (config.recipe() == Recipe.RECURRENT) {
                v = new FMatrixRMaj[layers];
                for (int l = 0; l < layers; l++) {
                    int[] shape = FFNetwork.topDownShape(config, l);
                    v[l] = in.matrix("V" + (l + 1) + " (top-down)", shape[0], shape[1]);
                }
            }
            FFNetwork net;
            try {
                net = FFNetwork.of(config, w, b, s, top, v);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(name + ": " + e.getMessage());
            }
            TrainingState state = kind == KIND_STATE ? readState(in, config, net, name) : null;
            if (in.remaining() != 0) throw new CheckpointException(name + ": " + in.remaining() + " unexpected bytes after the content");
            return new Decoded(net, state);
        } catch (EOFException e) {
            throw new CheckpointException(name + ": ends early: the file is truncated");
        } catch (IOException e) {
            throw new CheckpointException(name + ": malformed content: " + e.getMessage(), e);
        }
    }

    private static TrainingState readState(Content in, FFConfig config, FFNetwork net, String name) throws IOException {
        int epoch = in.readInt(), batch = in.readInt();
        long counter = in.readLong();
        int[] order = in.ints(in.length("data order", 100_000_000, 4));
        if (order.length < config.batchSize())
            throw new CheckpointException(name + ": data order: holds " + order.length + " images, fewer than one batch of " + config.batchSize());
        if (config.trainLimit() > 0 && order.length != config.trainLimit())
            throw new CheckpointException(name + ": data order: holds " + order.length + " images but the config's trainLimit is " + config.trainLimit());
        boolean[] seen = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            int v = order[i];
            if (v < 0 || v >= order.length || seen[v])
                throw new CheckpointException(name + ": data order: entry " + i + " is " + v + ", but the order must be a permutation of 0.." + (order.length - 1));
            seen[v] = true;
        }
        int batchesPerEpoch = order.length / config.batchSize();
        if (epoch < 0 || epoch > config.totalEpochs())
            throw new CheckpointException(name + ": epoch: " + epoch + " is outside 0.." + config.totalEpochs() + " (the config's epochs)");
        if (batch < 0 || batch > batchesPerEpoch || (epoch == config.totalEpochs() && batch != 0))
            throw new CheckpointException(name + ": batch: " + batch + " is outside 0.." + batchesPerEpoch + " (batches per epoch)");
        if (counter < 0) throw new CheckpointException(name + ": batch counter: " + counter + " is negative");
        long[] rng = in.longs(in.length("RNG state", 64, 8));
        if (rng.length != 6) throw new CheckpointException(name + ": RNG state: has " + rng.length + " words, expected 6");
        if ((rng[0] | rng[1] | rng[2] | rng[3]) == 0) throw new CheckpointException(name + ": RNG state: is all zeros (a generator in that state never leaves it)");
        if ((rng[4] != 0 && rng[4] != 1) || (rng[4] == 1 && !Double.isFinite(Double.longBitsToDouble(rng[5]))))
            throw new CheckpointException(name + ": RNG state: the spare Gaussian is invalid");
        String modeName = in.readUTF("negative mode");
        NegativeMode mode = Arrays.stream(NegativeMode.values()).filter(m -> m.name().equals(modeName)).findFirst()
                .orElseThrow(() -> new CheckpointException(name + ": negative mode: '" + clip(modeName) + "' is not one of " + Arrays.toString(NegativeMode.values())));
        PhaseSchedule phases;
        try {
            phases = PhaseSchedule.parse(in.readUTF("phases"));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + ": phases: " + e.getMessage());
        }
        double rate = in.readDouble();
        if (!(rate > 0) || !Double.isFinite(rate)) throw new CheckpointException(name + ": rate scale: must be a finite value > 0, got " + rate);
        Map<String, Integer> wantBuffers = Trainers.checkpointBuffers(config);
        Map<String, float[]> buffers = new HashMap<>();
        int nb = in.length("buffer count", 10_000, 1);
        for (int i = 0; i < nb; i++) {
            String key = in.readUTF("buffer name");
            Integer size = wantBuffers.get(key);
            if (size == null) throw new CheckpointException(name + ": buffer '" + clip(key) + "': is not one a " + config.recipe().id() + " run keeps");
            float[] v = in.floats("buffer '" + key + "'", size);
            if (buffers.put(key, v) != null) throw new CheckpointException(name + ": buffer '" + key + "': appears twice");
        }
        for (String key : wantBuffers.keySet())
            if (!buffers.containsKey(key)) throw new CheckpointException(name + ": buffer '" + key + "': is missing");
        Map<String, Integer> wantAccumulators = Trainers.checkpointAccumulators(config);
        Map<String, double[]> acc = new HashMap<>();
        int na = in.length("accumulator count", 10_000, 1);
        for (int i = 0; i < na; i++) {
            String key = in.readUTF("accumulator name");
            Integer size = wantAccumulators.get(key);
            if (size == null) throw new CheckpointException(name + ": accumulator '" + clip(key) + "': is not one a " + config.recipe().id() + " run keeps");
            int n = in.length("accumulator '" + key + "'", 10_000, 8);
            if (n != size) throw new CheckpointException(name + ": accumulator '" + key + "': has " + n + " entries but the config implies " + size);
            double[] v = in.doubles("accumulator '" + key + "'", n);
            for (int k = 0; k < n; k++)
                if (v[k] < 0 && COUNTS.contains(key))
                    throw new CheckpointException(name + ": accumulator '" + key + "': entry " + k + " is " + v[k] + ", a count that cannot be negative");
            if (acc.put(key, v) != null) throw new CheckpointException(name + ": accumulator '" + key + "': appears twice");
        }
        for (String key : wantAccumulators.keySet())
            if (!acc.containsKey(key) && !Trainers.optionalCheckpointAccumulators().contains(key))
                throw new CheckpointException(name + ": accumulator '" + key + "': is missing");
        return new TrainingState(config, net, epoch, batch, counter, order, rng, mode, phases, rate, buffers, acc);
    }

    /** Accumulators that count something (cases, nanoseconds, errors, steps): never negative. */
    private static final java.util.Set<String> COUNTS = java.util.Set.of("casesSeen", "trainNanos", "pairwise", "posCorrect", "negCorrect", "adamSteps",
            "goodHistPos", "goodHistNeg");

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /**
     * The content between the frame's header and its CRC, read with every length checked against
     * the bytes that remain before anything is allocated, and every float and double checked for
     * being finite; each message names the file and the field.
     */
    private static final class Content {
        private final DataInputStream in;
        private final ByteArrayInputStream bytes;
        private final String name;

        Content(byte[] data, int length, String name) {
            this.bytes = new ByteArrayInputStream(data, 0, length);
            this.in = new DataInputStream(bytes);
            this.name = name;
        }

        int remaining() { return bytes.available(); }
        void skip(int n) throws IOException { in.skipNBytes(n); }
        int readInt() throws IOException { return in.readInt(); }
        long readLong() throws IOException { return in.readLong(); }
        double readDouble() throws IOException { return in.readDouble(); }

        boolean readBoolean(String field) throws IOException {
            int v = in.readUnsignedByte();
            if (v > 1) throw new CheckpointException(name + ": " + field + ": " + v + " is not a yes/no flag (0 or 1)");
            return v == 1;
        }

        String readUTF(String field) throws IOException {
            try {
                return in.readUTF();
            } catch (java.io.UTFDataFormatException e) {
                throw new CheckpointException(name + ": " + field + ": is not valid text");
            }
        }

        /** A length field: in 0..max, and its {@code elementBytes}-sized elements must fit in what remains. */
        int length(String field, int max, int elementBytes) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > max) throw new CheckpointException(name + ": " + field + ": implausible length " + n + " (corrupt file)");
            requireBytes(field, (long) n * elementBytes);
            return n;
        }

        private void requireBytes(String field, long needed) {
            if (needed > remaining())
                throw new CheckpointException(name + ": " + field + ": declares " + needed + " bytes but only " + remaining() + " remain (truncated or corrupt file)");
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        /** A matrix that must be {@code rows x cols}. */
        FMatrixRMaj matrix(String field, int rows, int cols) throws IOException {
            int r = in.readInt(), c = in.readInt();
            if (r != rows || c != cols) throw new CheckpointException(name + ": " + field + ": is " + r + "x" + c + " but the config implies " + rows + "x" + cols);
            requireBytes(field, (long) rows * cols * 4);
            FMatrixRMaj m = new FMatrixRMaj(rows, cols);
            readRawFloats(field, m.data, rows * cols);
            return m;
        }

        /** A length-prefixed float array; {@code expected} < 0 accepts any length that fits. */
        float[] floats(String field, int expected) throws IOException {
            int n = in.readInt();
            if (expected >= 0 && n != expected) throw new CheckpointException(name + ": " + field + ": has " + n + " entries but the config implies " + expected);
            if (n < 0) throw new CheckpointException(name + ": " + field + ": implausible length " + n + " (corrupt file)");
            requireBytes(field, (long) n * 4);
            float[] v = new float[n];
            readRawFloats(field, v, n);
            return v;
        }

        private void readRawFloats(String field, float[] v, int n) throws IOException {
            byte[] b = bytes(n * 4);
            ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v, 0, n);
            for (int i = 0; i < n; i++)
                if (!Float.isFinite(v[i])) throw new CheckpointException(name + ": " + field + ": entry " + i + " is " + v[i] + " (every value must be finite)");
        }

        int[] ints(int n) throws IOException {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = in.readInt();
            return v;
        }

        long[] longs(int n) throws IOException {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) v[i] = in.readLong();
            return v;
        }

        double[] doubles(String field, int n) throws IOException {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readDouble();
                if (!Double.isFinite(v[i])) throw new CheckpointException(name + ": " + field + ": entry " + i + " is " + v[i] + " (every value must be finite)");
            }
            return v;
        }
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
}
