package goodness.ff.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void namesAreListed() {
        assertEquals(List.of("ejml", "openblas"), Backends.names());
    }

    @Test
    void createsEjmlCaseInsensitively() {
        try (MatrixBackend b = Backends.create("EJML", 2)) {
            assertInstanceOf(EjmlBackend.class, b);
            assertEquals("ejml", b.name());
            assertEquals(2, b.threads());
        }
    }

    @Test
    void createsOpenBlasCaseInsensitively() {
        Assumptions.assumeTrue(OpenBlasBackend.isAvailable(), () -> "skipped: " + OpenBlasBackend.unavailableReason());
        try (MatrixBackend b = Backends.create("OpenBLAS", 1)) {
            assertInstanceOf(OpenBlasBackend.class, b);
            assertEquals("openblas", b.name());
        }
        try (MatrixBackend b = Backends.createDefault(1)) {
            assertInstanceOf(OpenBlasBackend.class, b);
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.create("cuda", 1));
        assertTrue(e.getMessage().contains("'cuda'"), e.getMessage());
        assertTrue(e.getMessage().contains("ejml, openblas"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backends.create(null, 1));
        assertThrows(IllegalArgumentException.class, () -> Backends.create("ejml", 0));
    }

    @Test
    void defaultCachedProductOfEjmlIsAPlainProduct() {
        try (MatrixBackend b = Backends.create("ejml", 1)) {
            FMatrixRMaj a = OpenBlasBackendTest.random(4, 6, 1), w = OpenBlasBackendTest.random(6, 3, 2);
            FMatrixRMaj c = new FMatrixRMaj(4, 3), expected = new FMatrixRMaj(4, 3);
            b.multCached(a, w, 0, c);
            w.fill(2f);
            b.multCached(a, w, 0, c); // no cache: always sees the current contents
            b.mult(a, w, expected);
            OpenBlasBackendTest.assertClose(expected, c);
            b.clearCache();
        }
    }
}
