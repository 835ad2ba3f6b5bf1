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

    /**
     * {@code c = a · b}, where the caller promises that {@code b} (typically a layer's weight
     * matrix) has not been written since the last call that passed the same {@code b} object
     * with the same {@code bVersion}. Backends that keep native copies of their operands (OpenBLAS)
     * then skip re-uploading {@code b}; the others simply call {@link #mult}.
     *
     * <p>Cache key: the identity of the {@code b} object, its shape, and {@code bVersion}. The
     * contract is on the caller: <b>every</b> write to {@code b} (optimizer step, checkpoint load,
     * random re-initialisation, copying another network in) must be followed by a new version
     * before the next cached product; versions must never be reused for the same object (use a
     * per-matrix counter that only increases). A forgotten bump silently gives results for the
     * old contents of {@code b}. When in doubt call {@link #mult} or {@link #clearCache()}.
     *
     * @param bVersion any value that changes whenever the contents of {@code b} change
     */
    default void multCached(FMatrixRMaj a, FMatrixRMaj b, long bVersion, FMatrixRMaj c) {
        mult(a, b, c);
    }

    /**
     * {@code c = a · b} with both operands possibly resident: as {@link #multCached}, and the
     * same promise for {@code a} with {@code aVersion}. A resident {@code a} also serves a later
     * call with fewer rows of the same object (a row-major prefix: recipe B's K steps multiply
     * the first B or all 2B rows of one unchanged input).
     */
    default void multCached(FMatrixRMaj a, long aVersion, FMatrixRMaj b, long bVersion, FMatrixRMaj c) {
        multCached(a, b, bVersion, c);
    }

    /** {@code c = aᵀ · b} with {@code a} possibly resident (the promise of {@link #multCached} for {@code a}). */
    default void multTransACached(FMatrixRMaj a, long aVersion, FMatrixRMaj b, FMatrixRMaj c) {
        multTransA(a, b, c);
    }

    /**
     * {@code c = alpha · aᵀ · b + beta · c} (c read and modified): a momentum update written into
     * the gradient product itself (sgemm's α and β), so that no separate gradient matrix is
     * written, copied and read again. a: k×m, b: k×n, c: m×n.
     *
     * <p>{@code cVersion}: the caller promises that {@code c} has not been written since the last
     * call that passed the same {@code c} object with the same {@code cVersion} (only this method
     * wrote it); backends that keep a native copy of {@code c} then skip uploading it. Bump the
     * version after any other write (a checkpoint restore). The result is always in {@code c.data}
     * on return.
     */
    default void multTransAAdd(float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta, FMatrixRMaj c, long cVersion) {
        if (a.numRows != b.numRows || c.numRows != a.numCols || c.numCols != b.numCols)
            throw new IllegalArgumentException("multTransAAdd: a is " + a.numRows + "x" + a.numCols + ", b is " + b.numRows
                    + "x" + b.numCols + ", c is " + c.numRows + "x" + c.numCols + "; need a k×m, b k×n, c m×n");
        org.ejml.dense.row.CommonOps_FDRM.scale(beta, c);
        org.ejml.dense.row.CommonOps_FDRM.multAddTransA(alpha, a, b, c);
    }

    /**
     * As {@link #multTransAAdd}, except that a backend which keeps {@code c} resident may leave
     * {@code c.data} stale: the result is read from the heap only after
     * {@link #syncAccumulator(FMatrixRMaj)}. A momentum buffer is read by the optimiser step
     * ({@link #momentumStepInPlace}, on the resident copy) and otherwise only by checkpoints and
     * end-of-epoch statistics, so copying it back after every batch (4 MB per 1000×1000 layer) is
     * wasted. Writing {@code c.data} and then passing a new {@code cVersion} still replaces the
     * resident copy (a restore). A resident result the backend has to evict is written back to
     * {@code c.data} first, so nothing is lost.
     */
    default void multTransAAddResident(float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta, FMatrixRMaj c, long cVersion) {
        multTransAAdd(alpha, a, b, beta, c, cVersion);
    }

    /** Makes {@code c.data} current after {@link #multTransAAddResident}; a no-op where it always is. */
    default void syncAccumulator(FMatrixRMaj c) {
    }

    /**
     * The optimiser's weight update, in place: {@code w ← w + step·(m − weightCost·w)}, with the
     * momentum {@code m} as {@link #multTransAAddResident} left it. {@code w.data} is current on
     * return. Backends that keep operands resident update their copy of {@code w} (found by its
     * {@link #multCached} version {@code wVersion}, uploaded if absent) and give it
     * {@code wNewVersion}, so the next batch's products do not upload {@code w} again; the caller
     * must use {@code wNewVersion} for {@code w} from now on.
     */
    default void momentumStepInPlace(FMatrixRMaj w, long wVersion, long wNewVersion, FMatrixRMaj m, long mVersion,
                                     float step, float weightCost) {
        if (w.numRows != m.numRows || w.numCols != m.numCols)
            throw new IllegalArgumentException("momentumStepInPlace: w is " + w.numRows + "x" + w.numCols + " but m is "
                    + m.numRows + "x" + m.numCols);
        syncAccumulator(m);
        // The same loop as FFMath.momentumStepInPlace, written out because the backends use
        // nothing of the project (PackageLayoutTest), so that the bench can run on them alone.
        float[] wd = w.data, md = m.data;
        for (int k = 0, n = w.numRows * w.numCols; k < n; k++) wd[k] += step * (md[k] - weightCost * wd[k]);
    }

    /** Drops every operand cached by {@link #multCached}; a no-op for backends without a cache. */
    default void clearCache() {
    }

    /** Number of threads the backend uses for a product. */
    int threads();

    /** Releases native buffers, if any. Idempotent. */
    @Override
    default void close() {
    }
}
