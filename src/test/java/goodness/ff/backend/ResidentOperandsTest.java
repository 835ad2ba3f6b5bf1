package goodness.ff.backend;

import static goodness.ff.backend.OpenBlasBackendTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;

/**
 * The products the trainers' fast paths use, on every backend, against EJML's plain products:
 * both operands resident ({@code multCached} with a version for each, also serving a prefix of
 * the rows), a resident left operand of {@code aᵀb}, and the momentum update inside the gradient
 * product ({@code c = α·aᵀb + β·c} with {@code c} resident between calls).
 */
class ResidentOperandsTest {

    private static List<MatrixBackend> backends() {
        return OpenBlasBackend.isAvailable()
                ? List.of(new EjmlBackend(1), new EjmlBackend(2), new OpenBlasBackend(1), new OpenBlasBackend(2))
                : List.of(new EjmlBackend(1), new EjmlBackend(2));
    }

    private static void assertClose(FMatrixRMaj expected, FMatrixRMaj actual, String what) {
        assertEquals(expected.numRows, actual.numRows, what);
        assertEquals(expected.numCols, actual.numCols, what);
        double scale = 1e-3;
        for (int k = 0; k < expected.getNumElements(); k++) scale = Math.max(scale, Math.abs(expected.data[k]));
        for (int k = 0; k < expected.getNumElements(); k++) assertEquals(expected.data[k], actual.data[k], 2e-5 * scale, what + "[" + k + "]");
    }

    private static FMatrixRMaj plainTransA(FMatrixRMaj a, FMatrixRMaj b) {
        FMatrixRMaj c = new FMatrixRMaj(a.numCols, b.numCols);
        CommonOps_FDRM.multTransA(a, b, c);
        return c;
    }

    @Test
    void momentumInsideTheGradientProduct() {
        for (MatrixBackend backend : backends()) {
            try (backend) {
                FMatrixRMaj c = random(37, 23, 1), expected = c.copy();
                long version = 5;
                for (int step = 0; step < 4; step++) {
                    FMatrixRMaj a = random(11 + step, 37, 10 + step), b = random(11 + step, 23, 20 + step);
                    float alpha = 0.1f / (step + 1), beta = step == 2 ? 1f : 0.9f;
                    FMatrixRMaj g = plainTransA(a, b);
                    for (int k = 0; k < expected.data.length; k++) expected.data[k] = beta * expected.data[k] + alpha * g.data[k];
                    if (step == 3) {
                        // A write outside the product (a checkpoint restore) with a new version must be seen.
                        c.data[7] += 1f;
                        expected.data[7] += beta * 1f;
                        version++;
                    }
                    backend.multTransAAdd(alpha, a, b, beta, c, version);
                    assertClose(expected, c, backend.name() + "(" + backend.threads() + ") step " + step);
                }
            }
        }
    }

    @Test
    void bothOperandsResidentAlsoForAPrefixOfTheRows() {
        for (MatrixBackend backend : backends()) {
            try (backend) {
                FMatrixRMaj x = random(40, 30, 2), w = random(30, 20, 3);
                String at = backend.name() + "(" + backend.threads() + ")";
                for (int rows : new int[] {40, 17, 40, 3}) {
                    x.reshape(rows, 30);
                    FMatrixRMaj c = new FMatrixRMaj(rows, 20), expected = new FMatrixRMaj(rows, 20);
                    CommonOps_FDRM.mult(x, w, expected);
                    backend.multCached(x, 1, w, 1, c);
                    assertClose(expected, c, at + ", " + rows + " rows");
                    FMatrixRMaj d = random(rows, 9, 4), g = new FMatrixRMaj(30, 9);
                    backend.multTransACached(x, 1, d, g);
                    assertClose(plainTransA(x, d), g, at + ", aᵀb, " + rows + " rows");
                }
                // New contents under a new version: the resident copy is replaced.
                x.reshape(40, 30);
                x.data[0] = 42f;
                w.data[5] = -3f;
                FMatrixRMaj c = new FMatrixRMaj(40, 20), expected = new FMatrixRMaj(40, 20);
                CommonOps_FDRM.mult(x, w, expected);
                backend.multCached(x, 2, w, 2, c);
                assertClose(expected, c, at + ", new versions");
            }
        }
    }

    @Test
    void moreResidentMatricesThanSlotsStillGiveTheRightProducts() {
        if (!OpenBlasBackend.isAvailable()) return;
        try (OpenBlasBackend backend = new OpenBlasBackend(1, 2)) {
            FMatrixRMaj[] xs = new FMatrixRMaj[5], ws = new FMatrixRMaj[5];
            for (int i = 0; i < 5; i++) {
                xs[i] = random(8, 12, 30 + i);
                ws[i] = random(12, 6, 40 + i);
            }
            for (int round = 0; round < 3; round++)
                for (int i = 0; i < 5; i++) {
                    FMatrixRMaj c = new FMatrixRMaj(8, 6), expected = new FMatrixRMaj(8, 6);
                    CommonOps_FDRM.mult(xs[i], ws[i], expected);
                    backend.multCached(xs[i], 7, ws[i], 7, c);
                    assertClose(expected, c, "pair " + i + ", round " + round);
                }
        }
    }
}
