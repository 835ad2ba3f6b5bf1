package goodness.ff.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenBlasBackendTest {
    private final EjmlBackend reference = new EjmlBackend(1);
    private OpenBlasBackend blas;

    @BeforeEach
    void open() {
        Assumptions.assumeTrue(OpenBlasBackend.isAvailable(), () -> "skipped: " + OpenBlasBackend.unavailableReason());
        blas = new OpenBlasBackend(1);
    }

    @AfterEach
    void close() {
        if (blas != null) blas.close();
    }

    static FMatrixRMaj random(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) x.data[i] = (float) rnd.nextGaussian();
        return x;
    }

    /** Float32 sums in a different order: |x − y| ≤ 1e-4·(1 + |y|). */
    static void assertClose(FMatrixRMaj expected, FMatrixRMaj actual) {
        assertEquals(expected.numRows, actual.numRows, "rows");
        assertEquals(expected.numCols, actual.numCols, "cols");
        int n = expected.numRows * expected.numCols;
        for (int i = 0; i < n; i++) {
            float y = expected.data[i], x = actual.data[i];
            if (!(Math.abs(x - y) <= 1e-4 * (1 + Math.abs(y)))) {
                fail("element " + (i / expected.numCols) + "," + (i % expected.numCols) + ": expected " + y
                        + " but was " + x);
            }
        }
    }

    private FMatrixRMaj expectedMult(FMatrixRMaj a, FMatrixRMaj b) {
        FMatrixRMaj c = new FMatrixRMaj(a.numRows, b.numCols);
        reference.mult(a, b, c);
        return c;
    }

    private FMatrixRMaj expectedMultTransA(FMatrixRMaj a, FMatrixRMaj b) {
        FMatrixRMaj c = new FMatrixRMaj(a.numCols, b.numCols);
        reference.multTransA(a, b, c);
        return c;
    }

    @ParameterizedTest(name = "{0}x{1} · {1}x{2}")
    @CsvSource({"1,1,1", "3,5,2", "7,13,9", "17,31,33", "1,1000,1", "64,64,64", "100,784,1000", "100,1000,1000"})
    void multAgreesWithEjml(int m, int k, int n) {
        FMatrixRMaj a = random(m, k, 11 * m + k), b = random(k, n, 13 * n + k);
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        c.fill(Float.NaN); // must be overwritten, not accumulated into
        blas.mult(a, b, c);
        assertClose(expectedMult(a, b), c);
    }

    @ParameterizedTest(name = "({0}x{1})ᵀ · {0}x{2}")
    @CsvSource({"1,1,1", "5,3,2", "13,7,9", "31,17,33", "100,1000,1000", "200,1000,1000", "200,784,1000"})
    void multTransAAgreesWithEjml(int k, int m, int n) {
        FMatrixRMaj a = random(k, m, 17 * m + k), b = random(k, n, 19 * n + k);
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        c.fill(Float.NaN);
        blas.multTransA(a, b, c);
        assertClose(expectedMultTransA(a, b), c);
    }

    @Test
    void twoThreadsAgreeToo() {
        try (OpenBlasBackend two = new OpenBlasBackend(2)) {
            FMatrixRMaj a = random(100, 1000, 1), b = random(1000, 1000, 2), c = new FMatrixRMaj(100, 1000);
            two.mult(a, b, c);
            assertClose(expectedMult(a, b), c);
            FMatrixRMaj t = new FMatrixRMaj(1000, 1000);
            two.multTransA(a, random(100, 1000, 3), t);
            assertClose(expectedMultTransA(a, random(100, 1000, 3)), t);
        }
    }

    @Test
    void buffersGrowAndSmallerShapesStillAgree() {
        int[][] shapes = {{3, 5, 2}, {200, 1000, 1000}, {7, 13, 9}, {100, 784, 1000}, {1, 1, 1}, {17, 31, 33}};
        for (int[] s : shapes) {
            FMatrixRMaj a = random(s[0], s[1], s[0] + 1), b = random(s[1], s[2], s[2] + 2);
            FMatrixRMaj c = new FMatrixRMaj(s[0], s[2]);
            blas.mult(a, b, c);
            assertClose(expectedMult(a, b), c);
            FMatrixRMaj at = random(s[1], s[0], s[0] + 3), ct = new FMatrixRMaj(s[0], s[2]);
            blas.multTransA(at, b, ct);
            assertClose(expectedMultTransA(at, b), ct);
        }
    }

    @Test
    void matricesWhoseArraysAreLargerThanTheirShapeAreHandled() {
        FMatrixRMaj a = random(30, 30, 5), b = random(30, 30, 6);
        a.reshape(4, 6); // keeps the old, longer data array
        b.reshape(6, 5);
        FMatrixRMaj c = new FMatrixRMaj(4, 5);
        blas.mult(a, b, c);
        assertClose(expectedMult(a, b), c);
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        FMatrixRMaj a = new FMatrixRMaj(3, 0), b = new FMatrixRMaj(0, 4), c = new FMatrixRMaj(3, 4);
        c.fill(7f);
        blas.mult(a, b, c);
        assertArrayEquals(new float[12], java.util.Arrays.copyOf(c.data, 12));
    }

    // ------------------------------------------------------------------ cached right-hand side

    @Test
    void cachedProductsAgreeAndAreIdenticalWhileTheVersionIsUnchanged() {
        FMatrixRMaj w = random(1000, 1000, 42);
        FMatrixRMaj c1 = new FMatrixRMaj(100, 1000), c2 = new FMatrixRMaj(100, 1000), plain = new FMatrixRMaj(100, 1000);
        FMatrixRMaj x1 = random(100, 1000, 1), x2 = random(100, 1000, 2);
        blas.multCached(x1, w, 0, c1);
        blas.multCached(x2, w, 0, c2);
        assertClose(expectedMult(x1, w), c1);
        assertClose(expectedMult(x2, w), c2);
        blas.mult(x2, w, plain);
        assertArrayEquals(plain.data, c2.data, "cached and uncached products use the same kernel");
        FMatrixRMaj again = new FMatrixRMaj(100, 1000);
        blas.multCached(x1, w, 0, again);
        assertArrayEquals(c1.data, again.data);
    }

    @Test
    void aVersionBumpPicksUpChangedWeights() {
        FMatrixRMaj w = random(50, 40, 1), x = random(20, 50, 2), c = new FMatrixRMaj(20, 40);
        long version = 0;
        blas.multCached(x, w, version, c);
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < w.data.length; i++) w.data[i] += 0.5f * (i % 7 - 3); // in-place update
            version++;
            blas.multCached(x, w, version, c);
            assertClose(expectedMult(x, w), c); // fails if the cache ignored the version
        }
    }

    /**
     * Documents (and proves) that the cache really skips the upload: a write without a version
     * bump is not seen. Callers must bump the version after every write.
     */
    @Test
    void aWriteWithoutVersionBumpIsNotSeen() {
        FMatrixRMaj w = random(30, 20, 1), x = random(10, 30, 2);
        FMatrixRMaj before = new FMatrixRMaj(10, 20), after = new FMatrixRMaj(10, 20);
        blas.multCached(x, w, 5, before);
        FMatrixRMaj old = w.copy();
        w.fill(0f);
        blas.multCached(x, w, 5, after);
        assertArrayEquals(before.data, after.data);
        assertClose(expectedMult(x, old), after);
        blas.clearCache();
        blas.multCached(x, w, 5, after);
        assertArrayEquals(new float[200], after.data, "clearCache forces a re-upload");
    }

    @Test
    void differentMatricesWithTheSameVersionAreKeptApart() {
        FMatrixRMaj x = random(8, 16, 1);
        FMatrixRMaj[] ws = new FMatrixRMaj[OpenBlasBackend.DEFAULT_CACHE_SLOTS + 2]; // forces evictions
        for (int i = 0; i < ws.length; i++) ws[i] = random(16, 12, 100 + i);
        FMatrixRMaj c = new FMatrixRMaj(8, 12);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < ws.length; i++) {
                int j = round == 1 ? ws.length - 1 - i : i; // different access orders
                blas.multCached(x, ws[j], 0, c);
                assertClose(expectedMult(x, ws[j]), c);
            }
        }
    }

    @Test
    void aReshapedMatrixIsReuploadedEvenWithTheSameVersion() {
        FMatrixRMaj w = random(20, 20, 1);
        FMatrixRMaj x = random(5, 20, 2), c = new FMatrixRMaj(5, 20);
        blas.multCached(x, w, 0, c);
        w.reshape(10, 20);
        FMatrixRMaj x2 = random(5, 10, 3);
        blas.multCached(x2, w, 0, c);
        assertClose(expectedMult(x2, w), c);
    }

    @Test
    void zeroCacheSlotsStillWorks() {
        try (OpenBlasBackend noCache = new OpenBlasBackend(1, 0)) {
            FMatrixRMaj w = random(16, 8, 1), x = random(4, 16, 2), c = new FMatrixRMaj(4, 8);
            noCache.multCached(x, w, 0, c);
            w.fill(1f);
            noCache.multCached(x, w, 0, c);
            assertClose(expectedMult(x, w), c);
        }
    }

    // ------------------------------------------------------------------ errors and lifecycle

    @Test
    void shapeMismatchesNameTheShapes() {
        FMatrixRMaj a = new FMatrixRMaj(100, 784), b = new FMatrixRMaj(1000, 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> blas.mult(a, b, new FMatrixRMaj(100, 1000)));
        assertEquals("mult: a is 100x784 but b is 1000x1000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> blas.multCached(a, b, 0, new FMatrixRMaj(100, 1000)));
        assertTrue(e.getMessage().contains("100x784") && e.getMessage().contains("1000x1000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> blas.mult(new FMatrixRMaj(100, 1000), b, new FMatrixRMaj(100, 999)));
        assertTrue(e.getMessage().contains("c is 100x999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> blas.multTransA(new FMatrixRMaj(200, 1000), new FMatrixRMaj(100, 1000), new FMatrixRMaj(1000, 1000)));
        assertTrue(e.getMessage().contains("200x1000") && e.getMessage().contains("100x1000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> blas.multTransA(new FMatrixRMaj(200, 1000), new FMatrixRMaj(200, 1000), new FMatrixRMaj(200, 1000)));
        assertTrue(e.getMessage().contains("c is 200x1000"), e.getMessage());
    }

    @Test
    void badConstructorArguments() {
        assertThrows(IllegalArgumentException.class, () -> new OpenBlasBackend(0));
        assertThrows(IllegalArgumentException.class, () -> new OpenBlasBackend(1, -1));
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() {
        OpenBlasBackend b = new OpenBlasBackend(1);
        FMatrixRMaj x = random(2, 2, 1), c = new FMatrixRMaj(2, 2);
        b.mult(x, x, c);
        b.close();
        b.close();
        assertThrows(IllegalStateException.class, () -> b.mult(x, x, c));
    }

    @Test
    void reportsItsNameAndThreads() {
        assertEquals("openblas", blas.name());
        assertEquals(1, blas.threads());
        assertTrue(OpenBlasBackend.isAvailable());
        assertEquals(null, OpenBlasBackend.unavailableReason());
        assertFalse(blas.cacheSlots() < 1);
    }
}
