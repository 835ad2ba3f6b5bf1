import static org.bytedeco.openblas.global.openblas.*;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Pure sgemm speed (native buffers, no copies) at recipe A's product shapes against the 1000^3
 * product that `bench` calls the peak; 2 OpenBLAS threads; the shapes interleaved round by
 * round so that drift hits all alike; median GFLOP/s of the rounds.
 */
public class ShapePeak {
    record Shape(String name, boolean transA, int m, int n, int k, float beta) {}

    public static void main(String[] args) {
        Loader.load(openblas.class);
        blas_set_num_threads(args.length > 0 ? Integer.parseInt(args[0]) : 2);
        Shape[] shapes = {
            new Shape("peak 1000x1000x1000", false, 1000, 1000, 1000, 0f),
            new Shape("forward 200x1000 . 1000x1000", false, 200, 1000, 1000, 0f),
            new Shape("forward 100x1000 . 1000x1000", false, 100, 1000, 1000, 0f),
            new Shape("forward 100x784 . 784x1000", false, 100, 1000, 784, 0f),
            new Shape("gradient 1000x200^T . 200x1000, beta 0.9", true, 1000, 1000, 200, 0.9f),
            new Shape("gradient 784x110^T . 110x1000, beta 0.9", true, 784, 1000, 110, 0.9f),
        };
        int rounds = 15, calls = 20;
        double[][] gflops = new double[shapes.length][rounds];
        FloatPointer a = new FloatPointer(1000 * 1000), b = new FloatPointer(1000 * 1000), c = new FloatPointer(1000 * 1000);
        for (long i = 0; i < 1000 * 1000; i++) { a.put(i, (i % 7) * 0.01f); b.put(i, (i % 5) * 0.02f); c.put(i, 0f); }
        for (int r = -2; r < rounds; r++) {
            for (int s = 0; s < shapes.length; s++) {
                Shape x = shapes[s];
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    if (x.transA) cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, x.m, x.n, x.k, 1f, a, x.m, b, x.n, x.beta, c, x.n);
                    else cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, x.m, x.n, x.k, 1f, a, x.k, b, x.n, x.beta, c, x.n);
                }
                double sec = (System.nanoTime() - t0) / 1e9 / calls;
                if (r >= 0) gflops[s][r] = 2.0 * x.m * x.n * x.k / sec / 1e9;
            }
        }
        double peak = median(gflops[0]);
        for (int s = 0; s < shapes.length; s++) {
            double g = median(gflops[s]);
            System.out.printf("%-45s median %6.1f GFLOP/s  (%3.0f %% of the 1000^3 product)  range %.0f-%.0f%n", shapes[s].name, g, 100 * g / peak,
                    Arrays.stream(gflops[s]).min().getAsDouble(), Arrays.stream(gflops[s]).max().getAsDouble());
        }
    }

    static double median(double[] v) { double[] s = v.clone(); Arrays.sort(s); return s[s.length / 2]; }
}
