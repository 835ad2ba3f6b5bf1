package goodness.ff.backend;

import static org.bytedeco.openblas.global.openblas.blas_get_num_threads;
import static org.bytedeco.openblas.global.openblas.blas_set_num_threads;

/**
 * The one owner of OpenBLAS's thread count, a process-wide setting. Only backends that own the
 * count ({@link OpenBlasBackend#OpenBlasBackend(int)}, i.e. the trainers' backends and the
 * benchmarks) set it, through here, before each of their products; a backend made with
 * {@link OpenBlasBackend#sharingThreadCount()} (the app's test-set evaluation, which may run
 * beside a training) never changes it. So nothing the user does next to a training changes how
 * many threads that training's products use, and with it their float rounding.
 */
public final class BlasThreads {
    private static int applied = -1;

    private BlasThreads() {
    }

    /** Sets OpenBLAS's thread count to {@code n} if it is not already (owners only). */
    static synchronized void apply(int n) {
        if (applied != n) {
            blas_set_num_threads(n);
            applied = n;
        }
    }

    /** The thread count OpenBLAS uses now (loads the native library; call only when it is available). */
    public static synchronized int current() {
        return blas_get_num_threads();
    }
}
