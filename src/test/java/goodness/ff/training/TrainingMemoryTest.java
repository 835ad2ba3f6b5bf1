package goodness.ff.training;

import goodness.data.HeapBudget;
import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import goodness.ff.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The memory estimate tells "fits" from "cannot possibly fit" before a trainer allocates. */
class TrainingMemoryTest {
    private static final long GIB = 1L << 30;
    private static final long MNIST_IMAGES = 70_000;

    @Test
    void thePublishedRunsFitTheHeapsTheyRanWith() {
        // The README's recipe-A runs used -Xmx1g; recipe B's experiment the default heap.
        TrainingMemory.Estimate a = TrainingMemory.estimate(FFConfig.hinton(), MNIST_IMAGES);
        assertTrue(a.total() < GIB, "recipe A: " + HeapBudget.megabytes(a.total()));
        long weightBytes = 4L * (784 * 1000 + 1000 * 1000 + 1000 * 1000);
        assertTrue(a.parameters() >= 3 * weightBytes, "weights, momentum and a snapshot at least");
        assertEquals(4L * 784 * MNIST_IMAGES, a.data());
        assertTrue(TrainingMemory.estimate(FFConfig.sleep(), MNIST_IMAGES).total() < GIB);
    }

    @Test
    void recipeBKeepsAdamsMomentsForEachPhase() {
        FFConfig b = FFConfig.sleep();
        FFConfig a = FFConfig.hinton().toBuilder().hiddenSizes(b.hiddenSizes()).build();
        // Same widths: B's seven copies (weights + 3 phases x 2 moments + snapshot) against A's three.
        assertTrue(TrainingMemory.estimate(b, 0).parameters() > 2 * TrainingMemory.estimate(a, 0).parameters());
    }

    @Test
    void wideLayersAreRefusedWithTheFigureAndTheHeap() {
        FFConfig wide = FFConfig.hinton().toBuilder().hiddenSizes(List.of(30_000, 30_000)).trainLimit(100).build();
        assertTrue(TrainingMemory.estimate(wide, MNIST_IMAGES).total() > 10 * GIB);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Trainers.create(wide, TestData.small(100, 10), new goodness.ff.backend.EjmlBackend(1)));
        assertEquals("hiddenSizes", e.field());
        assertTrue(e.getMessage().contains("needs about") && e.getMessage().contains("heap of at most " + HeapBudget.megabytes(HeapBudget.maxHeap())),
                e.getMessage());
    }
}
