package goodness.ff.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.scoring.DigitPredictor;
import goodness.ff.scoring.Prediction;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingDivergedException;
import goodness.ff.training.TrainingState;
import goodness.fuzz.Fuzz;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The fuzz suite for checkpoints and model files: seeded, reproducible mutations of real files
 * (tiny recipe-A and recipe-B networks, mid-epoch and finished), each read back through the
 * public API ({@link Fuzz#cases}). Every case ends in a {@link CheckpointException} that names the file in one line,
 * or in a result that is genuinely valid: finite parameters of the config's shapes and, for a
 * training checkpoint, a trainer that resumes from it and trains a batch. Three families, 1,000
 * cases each:
 * <ul>
 *   <li>byte damage (bit flips, cuts, insertions, overwrites with edge values), half of it with
 *       the checksum recomputed so that the content checks, not the CRC, must catch it;</li>
 *   <li>content damage written by the writer itself, so the checksum is right: NaN and infinite
 *       parameters, cursors and data orders out of range, RNG states, rate scales, optimiser
 *       buffers and sums missing, resized or poisoned;</li>
 *   <li>config damage: the embedded JSON with fields removed, nulled, of the wrong type, out of
 *       range or unknown, or not JSON at all, with the checksum recomputed.</li>
 * </ul>
 */
class CheckpointFuzzTest {
    static final long SEED = 20261201L;
    static final int CASES = 1000;
    private static final com.google.gson.Gson GSON = JsonFormat.GSON;
    @TempDir
    static Path dir;
    private static DataSplits data;
    /** Files to damage: training checkpoints and model files of both recipes. */
    private static final List<byte[]> states = new ArrayList<>(), models = new ArrayList<>();
    private static final List<Path> stateFiles = new ArrayList<>();

    @BeforeAll
    static void makeRealFiles() throws IOException {
        data = TestData.small(40, 20);
        FFConfig hinton = TestData.tiny().hiddenSizes(List.of(8, 6)).batchSize(10).epochs(2).build();
        FFConfig hintonTop = hinton.toBuilder().topLayerTerm(true).epochs(1).build();
        FFConfig sleep = FFConfig.sleep().toBuilder().hiddenSizes(List.of(8, 6)).batchSize(10).epochs(2).stepsPerBatch(2)
                .backend("ejml").threads(1).build();
        record Plan(FFConfig config, int batches) { }
        for (Plan p : List.of(new Plan(hinton, 2), new Plan(hintonTop, 4), new Plan(sleep, 6))) {
            try (Trainer t = Trainers.create(p.config(), data, new EjmlBackend(1))) {
                for (int i = 0; i < p.batches(); i++) {
                    if (t.batchInEpoch() == t.batchesPerEpoch()) t.finishEpoch();
                    else t.trainBatch();
                }
                if (t.batchInEpoch() == t.batchesPerEpoch()) t.finishEpoch();
                Path s = dir.resolve("base-state-" + states.size() + ".bin"), m = dir.resolve("base-model-" + models.size() + ".ffm");
                Checkpoints.saveState(t.state(), s);
                Checkpoints.saveModel(t.network(), m);
                states.add(Files.readAllBytes(s));
                stateFiles.add(s);
                models.add(Files.readAllBytes(m));
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Byte damage.

    enum ByteDamage { FLIP_BITS, CUT, APPEND, INSERT, DELETE_RANGE, OVERWRITE_INT, OVERWRITE_RANGE, ZERO_RANGE }

    /** One case: which file, which damage, whether the checksum is recomputed, and the damage's own seed. */
    record ByteCase(boolean model, int base, ByteDamage damage, boolean freshChecksum, long seed) { }

    static ByteCase drawByteCase(SplittableRandom r) {
        return new ByteCase(r.nextBoolean(), r.nextInt(0, 3), Fuzz.oneOf(r, ByteDamage.class), r.nextBoolean(), r.nextLong());
    }

    @TestFactory
    Stream<DynamicTest> byteDamageIsRefusedByNameOrYieldsAValidResult() {
        return Fuzz.cases(SEED, CASES, CheckpointFuzzTest::drawByteCase, CheckpointFuzzTest::checkByteCase);
    }

    static void checkByteCase(ByteCase c) {
        byte[] base = (c.model() ? models : states).get(c.base());
        byte[] bytes = damage(base, c.damage(), new Random(c.seed()));
        if (c.freshChecksum()) bytes = Fuzz.withFreshChecksum(bytes);
        check(write(c.model() ? "case.ffm" : "case.bin", bytes), !c.model());
    }

    static byte[] damage(byte[] b, ByteDamage d, Random r) {
        int n = b.length;
        switch (d) {
            case FLIP_BITS -> {
                byte[] x = b.clone();
                for (int i = 1 + r.nextInt(8); i > 0; i--) x[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                return x;
            }
            case CUT -> { return Arrays.copyOf(b, r.nextInt(n)); }
            case APPEND -> {
                byte[] x = Arrays.copyOf(b, n + 1 + r.nextInt(16));
                for (int i = n; i < x.length; i++) x[i] = (byte) r.nextInt(256);
                return x;
            }
            case INSERT -> {
                int at = r.nextInt(n), k = 1 + r.nextInt(8);
                byte[] x = new byte[n + k];
                System.arraycopy(b, 0, x, 0, at);
                for (int i = 0; i < k; i++) x[at + i] = (byte) r.nextInt(256);
                System.arraycopy(b, at, x, at + k, n - at);
                return x;
            }
            case DELETE_RANGE -> {
                int at = r.nextInt(n), k = Math.min(n - at, 1 + r.nextInt(16));
                byte[] x = new byte[n - k];
                System.arraycopy(b, 0, x, 0, at);
                System.arraycopy(b, at + k, x, at, n - at - k);
                return x;
            }
            case OVERWRITE_INT -> {
                // Most fields are ints; the first 2 KB hold the header, the config, the shapes.
                byte[] x = b.clone();
                int at = r.nextBoolean() ? r.nextInt(Math.min(n - 4, 2048)) : r.nextInt(n - 4);
                ByteBuffer.wrap(x, at, 4).putInt(Fuzz.INTERESTING_INTS[r.nextInt(Fuzz.INTERESTING_INTS.length)]);
                return x;
            }
            case OVERWRITE_RANGE, ZERO_RANGE -> {
                byte[] x = b.clone();
                int at = r.nextInt(n), k = Math.min(n - at, 1 + r.nextInt(64));
                for (int i = at; i < at + k; i++) x[i] = d == ByteDamage.ZERO_RANGE ? 0 : (byte) r.nextInt(256);
                return x;
            }
        }
        throw new AssertionError(d);
    }

    // ------------------------------------------------------------------------------------------
    // Content damage with a valid checksum (written by the writer itself).

    enum ContentDamage {
        PARAMETER_VALUE, EPOCH, BATCH, BATCH_COUNTER, ORDER_ENTRY, ORDER_LENGTH, ORDER_SWAP, RNG_STATE, RATE_SCALE,
        BUFFER_VALUE, BUFFER_MISSING, BUFFER_EXTRA, BUFFER_SIZE, SUM_VALUE, SUM_MISSING, SUM_SIZE
    }

    record ContentCase(int base, ContentDamage damage, long seed) { }

    static ContentCase drawContentCase(SplittableRandom r) {
        return new ContentCase(r.nextInt(0, 3), Fuzz.oneOf(r, ContentDamage.class), r.nextLong());
    }

    @TestFactory
    Stream<DynamicTest> contentDamageBehindAValidChecksumIsRefusedByNameOrValid() {
        return Fuzz.cases(SEED, CASES, CheckpointFuzzTest::drawContentCase, CheckpointFuzzTest::checkContentCase);
    }

    static void checkContentCase(ContentCase c) {
        TrainingState s = damage(Checkpoints.loadState(stateFiles.get(c.base())), c.damage(), new Random(c.seed()));
        Path file = dir.resolve("case.bin");
        Checkpoints.saveState(s, file);
        check(file, true);
        // The same network as a model file.
        Path model = dir.resolve("case.ffm");
        Checkpoints.saveModel(s.network(), model);
        check(model, false);
    }

    static TrainingState damage(TrainingState s, ContentDamage d, Random r) {
        FFConfig config = s.config();
        FFNetwork net = s.network();
        int epoch = s.epoch(), batch = s.batchInEpoch();
        long counter = s.batchCounter();
        int[] order = s.order().clone();
        long[] rng = s.rngState().clone();
        double rate = s.rateScale();
        Map<String, float[]> buffers = new HashMap<>(s.buffers());
        Map<String, double[]> sums = new HashMap<>(s.accumulators());
        switch (d) {
            case PARAMETER_VALUE -> {
                List<float[]> params = new ArrayList<>();
                for (int l = 0; l < net.layerCount(); l++) {
                    params.add(net.weights[l].data);
                    params.add(net.biases[l]);
                    if (net.readout[l] != null) params.add(net.readout[l].data);
                }
                if (net.topLayer != null) params.add(net.topLayer.data);
                float[] p = params.get(r.nextInt(params.size()));
                p[r.nextInt(p.length)] = floatValue(r);
            }
            case EPOCH -> epoch = intValue(r, config.epochs());
            case BATCH -> batch = intValue(r, order.length / config.batchSize());
            case BATCH_COUNTER -> counter = r.nextBoolean() ? intValue(r, 0) : r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            case ORDER_ENTRY -> order[r.nextInt(order.length)] = intValue(r, order.length);
            case ORDER_LENGTH -> order = Arrays.copyOf(order, Math.max(0, r.nextBoolean() ? intValue(r, order.length) % 200 : order.length + r.nextInt(3) - 1));
            case ORDER_SWAP -> {
                int i = r.nextInt(order.length), j = r.nextInt(order.length), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            case RNG_STATE -> {
                switch (r.nextInt(4)) {
                    case 0 -> rng = Arrays.copyOf(rng, r.nextInt(9));
                    case 1 -> Arrays.fill(rng, 0, 4, 0L);
                    case 2 -> { rng[4] = 1; rng[5] = Double.doubleToRawLongBits(r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY); }
                    default -> rng[r.nextInt(rng.length)] = r.nextLong();
                }
            }
            case RATE_SCALE -> rate = new double[] {Double.NaN, 0, -0.0, -1, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e300, 2.0}[r.nextInt(8)];
            case BUFFER_VALUE -> {
                float[] b = pick(buffers, r).clone();
                b[r.nextInt(b.length)] = floatValue(r);
                buffers.put(pickKey(buffers, r), b);
            }
            case BUFFER_MISSING -> buffers.remove(pickKey(buffers, r));
            case BUFFER_EXTRA -> buffers.put(r.nextBoolean() ? "unknown" + r.nextInt(10) : "", new float[r.nextInt(20)]);
            case BUFFER_SIZE -> {
                String k = pickKey(buffers, r);
                buffers.put(k, Arrays.copyOf(buffers.get(k), Math.max(0, buffers.get(k).length + r.nextInt(5) - 2)));
            }
            case SUM_VALUE -> {
                String k = pickKey(sums, r);
                double[] v = sums.get(k).clone();
                v[r.nextInt(v.length)] = new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -1, 1e300, 0}[r.nextInt(5)];
                sums.put(k, v);
            }
            case SUM_MISSING -> sums.remove(pickKey(sums, r));
            case SUM_SIZE -> {
                String k = pickKey(sums, r);
                sums.put(k, Arrays.copyOf(sums.get(k), r.nextInt(6)));
            }
        }
        return new TrainingState(config, net, epoch, batch, counter, order, rng, s.negatives(), s.phases(), rate, buffers, sums);
    }

    private static int intValue(Random r, int near) {
        return switch (r.nextInt(3)) {
            case 0 -> Fuzz.INTERESTING_INTS[r.nextInt(Fuzz.INTERESTING_INTS.length)];
            case 1 -> near + r.nextInt(5) - 2;
            default -> -1 - r.nextInt(1000);
        };
    }

    private static float floatValue(Random r) {
        return Fuzz.INTERESTING_FLOATS[r.nextInt(Fuzz.INTERESTING_FLOATS.length)];
    }

    private static <V> String pickKey(Map<String, V> m, Random r) {
        List<String> keys = new ArrayList<>(m.keySet());
        keys.sort(null);
        return keys.get(r.nextInt(keys.size()));
    }

    private static <V> V pick(Map<String, V> m, Random r) {
        return m.get(pickKey(m, r));
    }

    // ------------------------------------------------------------------------------------------
    // Config damage (the embedded JSON), with the checksum recomputed.

    enum ConfigDamage { REMOVE, NULL, STRING, BOOLEAN, NUMBER, LIST, OBJECT, UNKNOWN_ENUM, WIDTHS, PHASES, WHOLE_TEXT, OTHER_VALID_CONFIG }

    record ConfigCase(boolean model, int base, ConfigDamage damage, long seed) { }

    static ConfigCase drawConfigCase(SplittableRandom r) {
        return new ConfigCase(r.nextBoolean(), r.nextInt(0, 3), Fuzz.oneOf(r, ConfigDamage.class), r.nextLong());
    }

    @TestFactory
    Stream<DynamicTest> configDamageIsRefusedByFieldOrValid() {
        return Fuzz.cases(SEED, CASES, CheckpointFuzzTest::drawConfigCase, CheckpointFuzzTest::checkConfigCase);
    }

    static void checkConfigCase(ConfigCase c) {
        byte[] base = (c.model() ? models : states).get(c.base());
        int length = ByteBuffer.wrap(base, 16, 4).getInt();
        String json = new String(base, 20, length, StandardCharsets.UTF_8);
        byte[] damaged = damageJson(json, c.damage(), new Random(c.seed()));
        byte[] bytes = new byte[base.length - length + damaged.length];
        System.arraycopy(base, 0, bytes, 0, 16);
        ByteBuffer.wrap(bytes, 16, 4).putInt(damaged.length);
        System.arraycopy(damaged, 0, bytes, 20, damaged.length);
        System.arraycopy(base, 20 + length, bytes, 20 + damaged.length, base.length - 20 - length);
        check(write(c.model() ? "case.ffm" : "case.bin", Fuzz.withFreshChecksum(bytes)), !c.model());
    }

    static byte[] damageJson(String json, ConfigDamage d, Random r) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        List<String> fields = new ArrayList<>(o.keySet());
        fields.sort(null);
        String f = fields.get(r.nextInt(fields.size()));
        switch (d) {
            case REMOVE -> o.remove(f);
            case NULL -> o.add(f, JsonNull.INSTANCE);
            case STRING -> o.addProperty(f, r.nextBoolean() ? "x" : "12");
            case BOOLEAN -> o.addProperty(f, r.nextBoolean());
            case NUMBER -> o.add(f, new JsonPrimitive(new Number[] {-1, 0, 1.5, 1e10, -1e300, 2147483648L, Long.MAX_VALUE, 3, 0.5,
                    new java.math.BigDecimal("1e400")}[r.nextInt(10)]));
            case LIST -> o.add(f, new JsonArray());
            case OBJECT -> o.add(f, new JsonObject());
            case UNKNOWN_ENUM -> o.addProperty(new String[] {"preset", "dataset", "negatives", "backend"}[r.nextInt(4)], "NOPE");
            case WIDTHS -> o.add("hiddenSizes", JsonParser.parseString(new String[] {"[]", "[0]", "[null]", "[1.5]", "[100001]", "[\"8\"]",
                    "[8,6,4]", "[100000,100000]", "[8]", "[6,8]", "[-8,6]", "[8,6,null]"}[r.nextInt(12)]));
            case PHASES -> o.add("phases", JsonParser.parseString(new String[] {"{\"awake\":-1,\"sleep\":1,\"scalePositiveRate\":false}",
                    "{\"awake\":0,\"sleep\":5}", "{\"awake\":2.5,\"sleep\":2}", "null", "\"1:1\"", "{}", "{\"awake\":3,\"sleep\":3,\"scalePositiveRate\":\"yes\"}"}[r.nextInt(7)]));
            case OTHER_VALID_CONFIG -> {
                // A valid config that does not match the file's content (other widths, batch, epochs, top layer).
                FFConfig config = ConfigJson.parse(json);
                FFConfig.Builder b = config.toBuilder();
                switch (r.nextInt(4)) {
                    case 0 -> b.hiddenSizes(List.of(8, 6, 4));
                    case 1 -> b.batchSize(r.nextBoolean() ? 7 : 41);
                    case 2 -> b.epochs(1 + r.nextInt(3));
                    default -> b.topLayerTerm(!config.topLayerTerm());
                }
                return GSON.toJson(b.build()).getBytes(StandardCharsets.UTF_8);
            }
            case WHOLE_TEXT -> {
                return switch (r.nextInt(6)) {
                    case 0 -> json.substring(0, r.nextInt(json.length())).getBytes(StandardCharsets.UTF_8);
                    case 1 -> "[]".getBytes(StandardCharsets.UTF_8);
                    case 2 -> "null".getBytes(StandardCharsets.UTF_8);
                    case 3 -> new byte[0];
                    case 4 -> { byte[] x = new byte[1 + r.nextInt(40)]; r.nextBytes(x); yield x; }
                    default -> (json + "}").getBytes(StandardCharsets.UTF_8);
                };
            }
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------
    // The oracle.

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code file} as a model (and as a training checkpoint if {@code state}) and judges the outcome. */
    private static void check(Path file, boolean state) {
        Fuzz.Outcome<FFNetwork> model = Fuzz.run("loadModel " + file, () -> Checkpoints.loadModel(file));
        if (model.failed()) Fuzz.assertUserFacing(model.error(), CheckpointException.class, file);
        else assertValidNetwork(model.value());
        if (!state) return;
        Fuzz.Outcome<TrainingState> s = Fuzz.run("loadState " + file, () -> Checkpoints.loadState(file));
        if (s.failed()) {
            Fuzz.assertUserFacing(s.error(), CheckpointException.class, file);
            return;
        }
        assertValidNetwork(s.value().network());
        assertValidCursor(s.value());
        Fuzz.Outcome<Boolean> resumed = Fuzz.run("resume " + file, () -> resumesAndTrains(s.value()));
        if (resumed.failed()) throw new AssertionError("a checkpoint that loads must resume: " + resumed.error(), resumed.error());
    }

    private static void assertValidNetwork(FFNetwork net) {
        if (!net.allFinite()) throw new AssertionError("a loaded network holds NaN or infinite parameters");
        int in = FFConfig.IMAGE_PIXELS;
        for (int l = 0; l < net.layerCount(); l++) {
            FMatrixRMaj w = net.weights[l];
            if (w.numRows != in || w.numCols != net.config().width(l)) throw new AssertionError("W" + (l + 1) + " has the wrong shape");
            in = w.numCols;
        }
        try (DigitPredictor p = new DigitPredictor(net, new EjmlBackend(1))) {
            Prediction pr = p.predict(new float[FFConfig.IMAGE_PIXELS]);
            if (pr.energyLabel() < 0 || pr.energyLabel() > 9) throw new AssertionError("prediction outside 0..9");
        }
    }

    /** The cursor of a loaded state is one a run can be in. */
    private static void assertValidCursor(TrainingState s) {
        FFConfig c = s.config();
        int n = s.order().length, perEpoch = n / c.batchSize();
        if (s.epoch() < 0 || s.epoch() > c.epochs()) throw new AssertionError("epoch " + s.epoch() + " accepted");
        if (s.batchInEpoch() < 0 || s.batchInEpoch() > perEpoch) throw new AssertionError("batch " + s.batchInEpoch() + " accepted");
        if (s.batchCounter() < 0) throw new AssertionError("batch counter " + s.batchCounter() + " accepted");
        if (n < c.batchSize()) throw new AssertionError("an order of " + n + " images accepted for batch " + c.batchSize());
        int[] sorted = s.order().clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) if (sorted[i] != i) throw new AssertionError("a data order that is not a permutation accepted");
        if (!(s.rateScale() > 0) || !Double.isFinite(s.rateScale())) throw new AssertionError("rate scale " + s.rateScale() + " accepted");
        for (float[] b : s.buffers().values()) for (float v : b) if (!Float.isFinite(v)) throw new AssertionError("a NaN or infinite buffer accepted");
        for (double[] a : s.accumulators().values()) for (double v : a) if (!Double.isFinite(v)) throw new AssertionError("a NaN or infinite sum accepted");
    }

    /** A genuinely valid checkpoint resumes on the data it was made on and trains a batch. */
    private static boolean resumesAndTrains(TrainingState s) {
        if (s.order().length != data.train().count()) return true; // a valid checkpoint of another data set
        try (Trainer t = Trainers.resume(s, data, new EjmlBackend(1))) {
            if (t.finished()) return true;
            if (t.batchInEpoch() == t.batchesPerEpoch()) t.finishEpoch();
            else t.trainBatch();
        } catch (TrainingDivergedException e) {
            // Valid but extreme values (1e30 weights) may diverge: that is the guard working.
        }
        return true;
    }
}
