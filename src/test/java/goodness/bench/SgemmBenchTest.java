package goodness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.MatrixBackend;
import org.junit.jupiter.api.Test;

class SgemmBenchTest {

    @Test
    void sgemmBenchReportsPositiveThroughput() {
        assertEquals(2.0e8, SgemmBench.flops(100, 1000, 1000));
        try (MatrixBackend b = new EjmlBackend(1)) {
            assertTrue(SgemmBench.measuredSgemmGflops(b, 8, 8, 8, 3) > 0);
            assertTrue(SgemmBench.measuredSgemmTransAGflops(b, 8, 8, 8, 2) > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> SgemmBench.measuredSgemmGflops(new EjmlBackend(1), 2, 2, 2, 0));
    }
}
