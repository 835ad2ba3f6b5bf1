package goodness.ff.backend;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** OpenBLAS's thread count has one owner: a backend made with a count sets it; a sharing one never does. */
class BlasThreadsTest {
    @BeforeEach
    void needsOpenBlas() {
        assumeTrue(OpenBlasBackend.isAvailable(), "OpenBLAS is not available here");
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "OpenBLAS caps its threads at the cores it sees");
    }

    private static void product(OpenBlasBackend b) {
        FMatrixRMaj a = new FMatrixRMaj(300, 300), c = new FMatrixRMaj(300, 300);
        for (int i = 0; i < a.data.length; i++) a.data[i] = (i % 7) * 0.25f;
        b.mult(a, a, c);
    }

    @Test
    void aSharingBackendUsesTheOwnersCountAndNeverChangesIt() {
        try (OpenBlasBackend training = new OpenBlasBackend(2); OpenBlasBackend gallery = OpenBlasBackend.sharingThreadCount()) {
            product(training);
            assertEquals(2, BlasThreads.current());
            product(gallery);
            assertEquals(2, BlasThreads.current(), "the evaluation beside the training left the count alone");
            assertEquals(2, gallery.threads());
            assertTrue(training.ownsThreadCount());
            assertFalse(gallery.ownsThreadCount());
        }
        try (OpenBlasBackend one = new OpenBlasBackend(1); OpenBlasBackend gallery = OpenBlasBackend.sharingThreadCount()) {
            product(one);
            product(gallery);
            assertEquals(1, BlasThreads.current(), "an owner used alone still sets its own count");
        }
    }
}
