package goodness.ff.io;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A checkpoint's content is validated after its checksum, as if the file were hand-made: each
 * of these files has a correct checksum (the writer made it) and a content no run can have, and
 * each is refused naming the file and the field.
 */
class CheckpointContentTest {
    @TempDir static Path dir;
    static TrainingState good;

    @BeforeAll
    static void train() {
        DataSplits data = TestData.small(40, 20);
        FFConfig c = TestData.tiny().hiddenSizes(List.of(8, 6)).batchSize(10).build();
        try (Trainer t = Trainers.create(c, data, new EjmlBackend(1))) {
            t.trainBatch();
            t.trainBatch();
            Path f = dir.resolve("good.bin");
            Checkpoints.saveState(t.state(), f);
            good = Checkpoints.loadState(f);
        }
    }

    private static String refusal(UnaryOperator<Builder> damage) {
        TrainingState s = damage.apply(new Builder(good)).build();
        Path f = dir.resolve("bad.bin");
        Checkpoints.saveState(s, f);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.loadState(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage().substring(f.toString().length() + 2);
    }

    @Test
    void everyFieldIsCheckedBehindAValidChecksum() {
        assertTrue(refusal(b -> { b.net.weights[0].data[5] = Float.NaN; return b; }).startsWith("W1: entry 5 is NaN"));
        assertTrue(refusal(b -> { b.net.biases[1][0] = Float.POSITIVE_INFINITY; return b; }).startsWith("b2: entry 0 is Infinity"));
        assertTrue(refusal(b -> { b.epoch = -1; return b; }).startsWith("epoch: -1 is outside 0..2"));
        assertTrue(refusal(b -> { b.batch = 5; return b; }).startsWith("batch: 5 is outside 0..4"));
        assertTrue(refusal(b -> { b.counter = -7; return b; }).startsWith("batch counter: -7 is negative"));
        assertTrue(refusal(b -> { b.order[3] = 40; return b; }).startsWith("data order: entry 3 is 40"));
        assertTrue(refusal(b -> { b.order[3] = b.order[4]; return b; }).startsWith("data order: entry"));
        assertTrue(refusal(b -> { Arrays.fill(b.rng, 0, 4, 0L); return b; }).startsWith("RNG state: is all zeros"));
        assertTrue(refusal(b -> { b.rate = 0; return b; }).startsWith("rate scale: must be a finite value > 0"));
        assertTrue(refusal(b -> { b.rate = Double.NaN; return b; }).startsWith("rate scale"));
        assertTrue(refusal(b -> { b.buffers.remove("peerMean1"); return b; }).startsWith("buffer 'peerMean1': is missing"));
        assertTrue(refusal(b -> { b.buffers.put("peerMean1", new float[3]); return b; }).startsWith("buffer 'peerMean1': has 3 entries but the config implies 6"));
        assertTrue(refusal(b -> { b.buffers.put("mystery", new float[6]); return b; }).startsWith("buffer 'mystery': is not one a hinton run keeps"));
        assertTrue(refusal(b -> { b.sums.put("casesSeen", new double[] {-20}); return b; }).contains("a count that cannot be negative"));
        assertTrue(refusal(b -> { b.sums.put("costSum", new double[] {Double.NaN}); return b; }).startsWith("accumulator 'costSum': entry 0 is NaN"));
        assertTrue(refusal(b -> { b.sums.remove("pairwise"); return b; }).startsWith("accumulator 'pairwise': is missing"));
    }

    @Test
    void theUndamagedStateStillLoads() {
        Path f = dir.resolve("same.bin");
        Checkpoints.saveState(new Builder(good).build(), f);
        assertEquals(2, Checkpoints.loadState(f).batchInEpoch());
    }

    /** A deep copy of a state whose parts a test may change. */
    static final class Builder {
        final FFNetwork net;
        int epoch, batch;
        long counter;
        int[] order;
        long[] rng;
        double rate;
        final Map<String, float[]> buffers = new HashMap<>();
        final Map<String, double[]> sums = new HashMap<>();
        private final TrainingState s;

        Builder(TrainingState s) {
            this.s = s;
            net = s.network().copy();
            epoch = s.epoch();
            batch = s.batchInEpoch();
            counter = s.batchCounter();
            order = s.order().clone();
            rng = s.rngState().clone();
            rate = s.rateScale();
            s.buffers().forEach((k, v) -> buffers.put(k, v.clone()));
            s.accumulators().forEach((k, v) -> sums.put(k, v.clone()));
        }

        TrainingState build() {
            return new TrainingState(s.config(), net, epoch, batch, counter, order, rng, s.negatives(), s.phases(), rate, buffers, sums);
        }
    }
}
