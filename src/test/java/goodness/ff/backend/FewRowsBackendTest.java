package goodness.ff.backend;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The few-rows product used for single-digit prediction agrees with EJML on many shapes. */
class FewRowsBackendTest {

    @Test
    void agreesWithEjmlOnOddAndRealShapes() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 2}, {7, 13, 9}, {10, 784, 1000}, {11, 1000, 1000}, {1, 1000, 10}, {17, 31, 33}};
        Random r = new Random(5);
        EjmlBackend ejml = new EjmlBackend(1);
        FewRowsBackend few = new FewRowsBackend();
        for (int[] s : shapes) {
            FMatrixRMaj a = new FMatrixRMaj(s[0], s[1]), b = new FMatrixRMaj(s[1], s[2]);
            // Half the left entries are exact zeros, as after a ReLU (the kernel skips them).
            for (int i = 0; i < a.data.length; i++) a.data[i] = r.nextBoolean() ? 0f : r.nextFloat() * 2 - 1;
            for (int i = 0; i < b.data.length; i++) b.data[i] = r.nextFloat() * 2 - 1;
            FMatrixRMaj expected = new FMatrixRMaj(s[0], s[2]), actual = new FMatrixRMaj(s[0], s[2]);
            actual.fill(123f); // stale output must be overwritten, not accumulated into
            ejml.mult(a, b, expected);
            few.mult(a, b, actual);
            for (int i = 0; i < expected.data.length; i++)
                assertEquals(expected.data[i], actual.data[i], 1e-4 * (1 + Math.abs(expected.data[i])), "shape " + s[0] + "x" + s[1] + "x" + s[2]);
        }
        assertThrows(IllegalArgumentException.class, () -> few.mult(new FMatrixRMaj(2, 3), new FMatrixRMaj(4, 2), new FMatrixRMaj(2, 2)));
    }
}
