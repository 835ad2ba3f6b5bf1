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
    /** The optimiser step as the recipe writes it, on the heap: m ← β·m + α·aᵀb; w ← w + step·(m − wc·w). */
    private static void plainStep(float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta, FMatrixRMaj m, FMatrixRMaj w, float step, float wc) {
        FMatrixRMaj g = plainTransA(a, b);
        for (int k = 0; k < m.data.length; k++) m.data[k] = beta * m.data[k] + alpha * g.data[k];
        for (int k = 0; k < w.data.length; k++) w.data[k] += step * (m.data[k] - wc * w.data[k]);
    }

    @Test
    void momentumKeptInTheBackendGivesTheRecipesWeightUpdate() {
        for (MatrixBackend backend : backends()) {
            try (backend) {
                String at = backend.name() + "(" + backend.threads() + ")";
                FMatrixRMaj m = random(29, 17, 5), w = random(29, 17, 6);
                FMatrixRMaj expectedM = m.copy(), expectedW = w.copy();
                long mVersion = 3, wVersion = 100;
                for (int batch = 0; batch < 5; batch++) {
                    FMatrixRMaj x = random(9, 29, 50 + batch);
                    // The forward product makes w resident at its version, as a training batch does.
                    FMatrixRMaj out = new FMatrixRMaj(9, 17), expectedOut = new FMatrixRMaj(9, 17);
                    CommonOps_FDRM.mult(x, expectedW, expectedOut);
                    backend.multCached(x, w, wVersion, out);
                    assertClose(expectedOut, out, at + " batch " + batch + ": forward with the updated weights");

                    FMatrixRMaj a = random(13, 29, 60 + batch), b = random(13, 17, 70 + batch);
                    float alpha = 0.01f, beta = 0.9f, step = 0.3f, wc = batch == 2 ? 0f : 0.002f;
                    plainStep(alpha, a, b, beta, expectedM, expectedW, step, wc);
                    backend.multTransAAddResident(alpha, a, b, beta, m, mVersion);
                    backend.momentumStepInPlace(w, wVersion, wVersion + 1, m, mVersion, step, wc);
                    wVersion++;
                    assertClose(expectedW, w, at + " batch " + batch + ": weights on the heap after the step");
                }
                backend.syncAccumulator(m);
                assertClose(expectedM, m, at + ": the momentum after syncAccumulator");

                // A restore writes the heap copy and gives a new version: it replaces the resident one.
                java.util.Arrays.fill(m.data, 0.5f);
                java.util.Arrays.fill(expectedM.data, 0.5f);
                FMatrixRMaj a = random(4, 29, 80), b = random(4, 17, 81);
                plainStep(0.1f, a, b, 0.9f, expectedM, expectedW, 0.2f, 0f);
                backend.multTransAAddResident(0.1f, a, b, 0.9f, m, mVersion + 1);
                backend.momentumStepInPlace(w, wVersion, wVersion + 1, m, mVersion + 1, 0.2f, 0f);
                backend.syncAccumulator(m);
                assertClose(expectedM, m, at + ": momentum after a restore");
                assertClose(expectedW, w, at + ": weights after a restore");
            }
        }
    }

    @Test
    void aResidentMomentumThatMustMakeRoomIsWrittenBackNotLost() {
        if (!OpenBlasBackend.isAvailable()) return;
        try (OpenBlasBackend backend = new OpenBlasBackend(1)) {
            int n = OpenBlasBackend.ACCUMULATOR_SLOTS + 2;
            FMatrixRMaj[] ms = new FMatrixRMaj[n], expected = new FMatrixRMaj[n];
            for (int i = 0; i < n; i++) {
                ms[i] = random(7, 5, 90 + i);
                expected[i] = ms[i].copy();
            }
            for (int round = 0; round < 2; round++)
                for (int i = 0; i < n; i++) {
                    FMatrixRMaj a = random(3, 7, 200 + 10 * round + i), b = random(3, 5, 300 + 10 * round + i);
                    FMatrixRMaj g = plainTransA(a, b);
                    for (int k = 0; k < g.data.length; k++) expected[i].data[k] = 0.9f * expected[i].data[k] + 0.5f * g.data[k];
                    backend.multTransAAddResident(0.5f, a, b, 0.9f, ms[i], 1);
                }
            // The first matrices were evicted by the later ones: their heap copies must already hold the results.
            assertClose(expected[0], ms[0], "evicted accumulator 0, before any sync");
            for (int i = 0; i < n; i++) {
                backend.syncAccumulator(ms[i]);
                assertClose(expected[i], ms[i], "accumulator " + i);
            }
        }
    }

    @Test
    void closingTheBackendWritesItsResidentMomentaBack() {
        if (!OpenBlasBackend.isAvailable()) return;
        FMatrixRMaj m = random(6, 4, 400), expected = m.copy();
        FMatrixRMaj a = random(2, 6, 401), b = random(2, 4, 402);
        FMatrixRMaj g = plainTransA(a, b);
        for (int k = 0; k < g.data.length; k++) expected.data[k] = 0.9f * expected.data[k] + 0.1f * g.data[k];
        try (OpenBlasBackend backend = new OpenBlasBackend(1)) {
            backend.multTransAAddResident(0.1f, a, b, 0.9f, m, 1);
            backend.close();
            assertClose(expected, m, "momentum after close()");
            // A checkpoint taken after the backend closed (a finished run) reads the heap copy.
            backend.syncAccumulator(m);
        }
        assertClose(expected, m, "momentum after close()");
    }
}
