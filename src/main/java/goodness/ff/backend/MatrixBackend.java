package goodness.ff.backend;

import org.ejml.data.FMatrixRMaj;

/**
 * The one seam through which the trainer's hot matrix products go, so that the backend can be
 * swapped (EJML reference, OpenBLAS) without touching the recipe.
 *
 * <p>All matrices are row-major {@link FMatrixRMaj} in float32. Inputs {@code a} and {@code b}
 * are never modified; the output {@code c} must already have the right shape and is
 * overwritten (or accumulated into, for the {@code *Add*} variants). No method allocates a
 * matrix: callers own every buffer. Weights are stored in×out, so the training loop only ever
 * needs {@code a·b} and {@code aᵀ·b} (EJML's {@code multTransB} is several times slower).
 */
public interface MatrixBackend extends AutoCloseable {

    /** Short name used on the command line ({@code --backend NAME}) and in benchmark output. */
    String name();

    /** {@code c = a · b}. a: m×k, b: k×n, c: m×n (modified). */
    void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /** {@code c = aᵀ · b}. a: k×m, b: k×n, c: m×n (modified). */
    void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /** Number of threads the backend uses for a product. */
    int threads();

    /** Releases native buffers, if any. Idempotent. */
    @Override
    default void close() {
    }
}
