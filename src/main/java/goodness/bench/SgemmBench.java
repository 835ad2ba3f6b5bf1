package goodness.bench;

import goodness.ff.backend.MatrixBackend;
import org.ejml.data.FMatrixRMaj;

import java.util.Arrays;
import java.util.Random;

/**
 * Cheap throughput measurements of a {@link MatrixBackend} on given shapes, for the CLI's
 * {@code bench} command and {@link BackendMicroBench}. Numbers are medians over single calls
 * after a warm-up, so a busy machine shows up as noise rather than as a skewed mean.
 */
public final class SgemmBench {
    private SgemmBench() {
    }

    /** Floating-point operations of an m×k by k×n product (one multiply and one add each). */
    public static double flops(int m, int k, int n) {
        return 2.0 * m * k * n;
    }

    /** Median GFLOP/s of {@code backend.mult} on a (m×k)·(k×n) product with random data. */
    public static double measuredSgemmGflops(MatrixBackend backend, int m, int k, int n, int reps) {
        FMatrixRMaj a = random(m, k, 1), b = random(k, n, 2), c = new FMatrixRMaj(m, n);
        return median(m, k, n, reps, () -> backend.mult(a, b, c));
    }

    /** Median GFLOP/s of {@code backend.multTransA} on (k×m)ᵀ·(k×n) with random data. */
    public static double measuredSgemmTransAGflops(MatrixBackend backend, int k, int m, int n, int reps) {
        FMatrixRMaj a = random(k, m, 3), b = random(k, n, 4), c = new FMatrixRMaj(m, n);
        return median(m, k, n, reps, () -> backend.multTransA(a, b, c));
    }

    /**
     * Median GFLOP/s of {@code backend.multCached} with an unchanged right-hand operand (the
     * best case: b uploaded once, only a copied in per call).
     */
    public static double measuredCachedSgemmGflops(MatrixBackend backend, int m, int k, int n, int reps) {
        FMatrixRMaj a = random(m, k, 5), b = random(k, n, 6), c = new FMatrixRMaj(m, n);
        return median(m, k, n, reps, () -> backend.multCached(a, b, 1L, c));
    }

    private static double median(int m, int k, int n, int reps, Runnable product) {
        if (reps < 1) throw new IllegalArgumentException("reps must be >= 1, got " + reps);
        long warmEnd = System.nanoTime() + 200_000_000L; // JIT, thread pools, first-touch of buffers
        for (int i = 0; i < 3 || (i < 50 && System.nanoTime() < warmEnd); i++) product.run();
        double[] gflops = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            product.run();
            long dt = Math.max(1, System.nanoTime() - t0);
            gflops[r] = flops(m, k, n) / dt; // flop per ns = GFLOP/s
        }
        Arrays.sort(gflops);
        return reps % 2 == 1 ? gflops[reps / 2] : 0.5 * (gflops[reps / 2 - 1] + gflops[reps / 2]);
    }

    static FMatrixRMaj random(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) x.data[i] = (float) rnd.nextGaussian();
        return x;
    }
}
