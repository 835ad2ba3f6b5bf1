package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.backend.OpenBlasBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training batch allocates nothing on the Java heap, in both recipes, on both backends, with
 * every negative-data mode: every buffer is made in the constructor. Measured with the JVM's
 * per-thread allocation counter over many batches, with no allowance per batch.
 */
class BatchAllocationTest {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Consecutive batches that must allocate exactly 0 bytes. */
    private static final int RUN = 10;

    /**
     * Trains batch after batch, measuring each (the epoch ends between measurements), until
     * {@value #RUN} consecutive batches allocated exactly nothing; fails if that never happens
     * within {@code maxBatches}. An allocation in every batch, however small, can never pass;
     * the JIT's occasional one-off allocations while it recompiles a method (seen: ~1 kB in
     * one batch out of dozens) cannot fail it.
     */
    private static void assertNoAllocation(String what, Supplier<Trainer> make, int maxBatches) {
        long id = Thread.currentThread().getId();
        try (Trainer t = make.get()) {
            int zeroRun = 0;
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < maxBatches && zeroRun < RUN; i++) {
                if (t.batchInEpoch() == t.batchesPerEpoch()) t.finishEpoch();
                long before = MX.getThreadAllocatedBytes(id);
                t.trainBatch();
                long bytes = MX.getThreadAllocatedBytes(id) - before;
                zeroRun = bytes == 0 ? zeroRun + 1 : 0;
                if (bytes != 0 && seen.length() < 300) seen.append(" batch ").append(i).append(": ").append(bytes).append(" B;");
            }
            assertEquals(RUN, zeroRun, what + ": no " + RUN + " consecutive batches without allocation in " + maxBatches + ";" + seen);
        }
    }

    private static List<Supplier<MatrixBackend>> backends() {
        if (!OpenBlasBackend.isAvailable()) return List.of(() -> new EjmlBackend(1));
        return List.of(() -> new EjmlBackend(1), () -> new OpenBlasBackend(1));
    }

    @Test
    void recipeAAllocatesNothingPerBatch() {
        Assumptions.assumeTrue(MX.isThreadAllocatedMemorySupported());
        DataSplits data = TestData.small(3000, 100);
        for (Supplier<MatrixBackend> backend : backends())
            for (NegativeMode mode : NegativeMode.values())
                for (PhaseSchedule phases : List.of(PhaseSchedule.unseparated(), PhaseSchedule.symmetric(1))) {
                    FFConfig config = TestData.tiny().negatives(mode).phases(phases).epochs(100).evalEvery(0).build();
                    MatrixBackend b = backend.get();
                    assertNoAllocation("recipe A, " + b.name() + ", " + mode + ", " + phases, () -> new HintonTrainer(config, data, b), 80);
                }
    }

    @Test
    void theRecurrentRecipeAllocatesNothingPerBatch() {
        Assumptions.assumeTrue(MX.isThreadAllocatedMemorySupported());
        DataSplits data = TestData.small(200, 100);
        for (Supplier<MatrixBackend> backend : backends())
            for (NegativeMode mode : List.of(NegativeMode.HARD, NegativeMode.RANDOM)) {
                PhaseSchedule phases = mode == NegativeMode.HARD ? PhaseSchedule.unseparated() : PhaseSchedule.symmetric(1);
                FFConfig config = RecurrentTrainerTest.tiny().batchSize(10).negatives(mode).phases(phases).epochs(100).evalEvery(0).build();
                MatrixBackend b = backend.get();
                assertNoAllocation("recurrent, " + b.name() + ", " + mode + ", " + phases, () -> new RecurrentTrainer(config, data, b), 80);
            }
    }

    @Test
    void recipeBAllocatesNothingPerBatch() {
        Assumptions.assumeTrue(MX.isThreadAllocatedMemorySupported());
        DataSplits data = SleepTrainerTest.tinyData(256);
        for (Supplier<MatrixBackend> backend : backends())
            for (NegativeMode mode : NegativeMode.values())
                for (PhaseSchedule phases : List.of(PhaseSchedule.unseparated(), PhaseSchedule.symmetric(2))) {
                    FFConfig config = FFConfig.sleep().toBuilder().hiddenSizes(List.of(40, 30, 20)).batchSize(16).stepsPerBatch(3)
                            .epochs(100).trainLimit(256).threads(1).backend("ejml").negatives(mode).phases(phases).evalEvery(0).build();
                    MatrixBackend b = backend.get();
                    assertNoAllocation("recipe B, " + b.name() + ", " + mode + ", " + phases, () -> new SleepTrainer(config, data, b), 80);
                }
    }

    @Test
    void theMeasurementSeesAnAllocation() {
        Assumptions.assumeTrue(MX.isThreadAllocatedMemorySupported());
        long id = Thread.currentThread().getId();
        long before = MX.getThreadAllocatedBytes(id);
        float[] sink = new float[1000];
        long bytes = MX.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes >= 4000 && sink.length == 1000, "a 4 kB array shows up: " + bytes);
    }
}
