package goodness.ff.backend;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sscal;

import java.util.Arrays;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.FMatrixRMaj;

/**
 * Products through OpenBLAS {@code cblas_sgemm} (bytedeco presets), row-major, on the data of
 * EJML {@link FMatrixRMaj}s. Roughly 10x EJML on the training shapes.
 *
 * <p><b>Data movement.</b> The operands live on the Java heap, OpenBLAS needs native memory. The
 * backend keeps one persistent native buffer per operand slot (a, b, c) that only ever grows,
 * copies {@code a} and {@code b} in and {@code c} out on every call (bulk JNI copies), and never
 * uses the {@code float[]} overloads of {@code cblas_sgemm} (those pin/copy both arrays per call
 * and are much slower). {@link #multCached} additionally keeps native copies of a few right-hand
 * operands (weight matrices) so that a weight matrix multiplied by several left matrices between
 * two updates is uploaded once; see {@link MatrixBackend#multCached} for the caller's contract.
 * Left operands can stay resident the same way (recipe B multiplies one layer input 2K + 1 times
 * per batch), and {@link #multTransAAdd} keeps its accumulator (a momentum buffer) resident, so
 * the momentum update inside the gradient product only copies the result back; with
 * {@link #multTransAAddResident} not even that: the momentum stays native, the weight update
 * ({@link #momentumStepInPlace}: {@code sscal} and {@code saxpy}) runs on the resident copies of
 * the momentum and the weights, and only the updated weights are copied back to the heap, their
 * resident copy staying valid for the next batch's products. The buffers are {@link NativeBuffer}s;
 * the resident operands and their LRU replacement are {@link ResidentOperand}.
 *
 * <p><b>Threads.</b> OpenBLAS's thread count is a process-wide setting, owned by
 * {@link BlasThreads}. An instance made with a count remembers it and re-applies it before a
 * product if another such instance changed it, so instances with different counts can be used
 * one after the other (benchmarks); at the same time only one of them may own the count (the
 * training). Work beside a training uses a {@link #sharingThreadCount()} instance, which never
 * changes the count. OpenBLAS busy-waits its worker threads:
 * while a product runs with {@code n} threads the caller must not run other compute-heavy
 * threads on the same cores (oversubscription drops sgemm about 3x, measured 87 → 25 GFLOP/s on
 * 2 cores). Either use all cores for BLAS and do the element-wise work in between on the calling
 * thread, or use 1 BLAS thread beside one worker thread.
 *
 * <p><b>Not thread-safe.</b> The native buffers are per instance and unsynchronised: use one
 * instance per thread that does products (one for the training thread; the GUI's inference
 * gets its own instance, or uses {@link EjmlBackend}). Do not share an instance between threads.
 *
 * <p>Call {@link #isAvailable()} (or use {@link Backends#createDefault}) before constructing one:
 * the native library is unpacked and loaded on first use (≈1 s, ≈90 MB under
 * {@code ~/.javacpp/cache}, see {@code -Dorg.bytedeco.javacpp.cachedir}) and may be missing on
 * platforms the build did not bundle.
 */
public final class OpenBlasBackend implements MatrixBackend {

    /**
     * Default number of {@link #multCached} slots: every weight matrix of a 4-layer net plus the
     * resident left operands (recipe A's layer-1 images, recipe B's layer input).
     */
    public static final int DEFAULT_CACHE_SLOTS = 6;
    /** Resident accumulators of {@link #multTransAAdd}: recipe A's three weight and two readout momenta, and one spare. */
    public static final int ACCUMULATOR_SLOTS = 6;

    /** Loads the native library once; records why it failed, if it did. */
    private static final class Native {
        static final Throwable LOAD_ERROR;

        static {
            Throwable error = null;
            try {
                Loader.load(openblas.class);
            } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ...
                error = t;
            }
            LOAD_ERROR = error;
        }
    }

    /** Threads per product, or {@link #SHARED} for an instance that uses whatever count the process has. */
    private final int threads;
    private static final int SHARED = 0;
    private final NativeBuffer slotA = new NativeBuffer();
    private final NativeBuffer slotB = new NativeBuffer();
    private final NativeBuffer slotC = new NativeBuffer();
    private final ResidentOperand[] cache;
    private final ResidentOperand[] accumulators;
    private long useClock;
    private boolean closed;

    /** @param threads OpenBLAS threads per product (&ge; 1); {@value #DEFAULT_CACHE_SLOTS} cache slots */
    public OpenBlasBackend(int threads) {
        this(threads, DEFAULT_CACHE_SLOTS);
    }

    /**
     * @param threads    OpenBLAS threads per product (&ge; 1; OpenBLAS caps it at the number of
     *                   cores it detected)
     * @param cacheSlots how many right-hand operands {@link #multCached} keeps resident (&ge; 0;
     *                   each costs {@code 4·rows·cols} bytes of native memory, 4 MB for 1000×1000)
     * @throws IllegalStateException if the native library cannot be loaded (message says why)
     */
    public OpenBlasBackend(int threads, int cacheSlots) {
        this(threads, cacheSlots, true);
    }

    /**
     * An instance that never sets OpenBLAS's process-wide thread count: its products use the
     * count the process's owner set (a training's, when one runs). For work beside a training,
     * such as the app's test-set evaluation; see {@link BlasThreads}.
     */
    public static OpenBlasBackend sharingThreadCount() {
        return new OpenBlasBackend(SHARED, DEFAULT_CACHE_SLOTS, false);
    }

    private OpenBlasBackend(int threads, int cacheSlots, boolean ownsThreadCount) {
        if (ownsThreadCount && threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (cacheSlots < 0) throw new IllegalArgumentException("cacheSlots must be >= 0, got " + cacheSlots);
        if (!isAvailable()) throw new IllegalStateException(unavailableReason());
        this.threads = threads;
        this.cache = new ResidentOperand[cacheSlots];
        for (int i = 0; i < cacheSlots; i++) cache[i] = new ResidentOperand();
        this.accumulators = new ResidentOperand[cacheSlots == 0 ? 0 : ACCUMULATOR_SLOTS];
        for (int i = 0; i < accumulators.length; i++) accumulators[i] = new ResidentOperand();
        applyThreads();
    }

    /** Whether the OpenBLAS native library loads on this machine (loads it on the first call). */
    public static boolean isAvailable() {
        return Native.LOAD_ERROR == null;
    }

    /**
     * Why OpenBLAS is unavailable, as one line for a warning, or {@code null} if it is available.
     */
    public static String unavailableReason() {
        Throwable t = Native.LOAD_ERROR;
        if (t == null) return null;
        return "OpenBLAS native library could not be loaded on " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + " (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
    }

    @Override public String name() { return "openblas"; }

    /** The thread count this instance sets, or for a {@link #sharingThreadCount()} instance the process's current count. */
    @Override public int threads() { return threads == SHARED ? BlasThreads.current() : threads; }

    /** Whether this instance sets OpenBLAS's thread count (false for {@link #sharingThreadCount()}). */
    public boolean ownsThreadCount() { return threads != SHARED; }

    /** Number of {@link #multCached} slots. */
    public int cacheSlots() { return cache.length; }

    @Override
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkMult("mult", a, b, c);
        ensureOpen();
        int m = a.numRows, k = a.numCols, n = b.numCols;
        if (trivial(m, k, n, c)) return;
        FloatPointer pa = slotA.upload(a);
        FloatPointer pb = slotB.upload(b);
        gemm(CblasNoTrans, m, n, k, pa, k, pb, c);
    }

    @Override
    public void multCached(FMatrixRMaj a, FMatrixRMaj b, long bVersion, FMatrixRMaj c) {
        checkMult("multCached", a, b, c);
        ensureOpen();
        if (cache.length == 0) {
            mult(a, b, c);
            return;
        }
        int m = a.numRows, k = a.numCols, n = b.numCols;
        if (trivial(m, k, n, c)) return;
        FloatPointer pa = slotA.upload(a);
        FloatPointer pb = cachedCopyOf(b, bVersion);
        gemm(CblasNoTrans, m, n, k, pa, k, pb, c);
    }

    @Override
    public void multCached(FMatrixRMaj a, long aVersion, FMatrixRMaj b, long bVersion, FMatrixRMaj c) {
        checkMult("multCached", a, b, c);
        ensureOpen();
        if (cache.length < 2) {
            multCached(a, b, bVersion, c);
            return;
        }
        int m = a.numRows, k = a.numCols, n = b.numCols;
        if (trivial(m, k, n, c)) return;
        FloatPointer pa = cachedCopyOf(a, aVersion, b);
        FloatPointer pb = cachedCopyOf(b, bVersion, a);
        gemm(CblasNoTrans, m, n, k, pa, k, pb, c);
    }

    @Override
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkTransA("multTransA", a, b, c);
        ensureOpen();
        int m = a.numCols, k = a.numRows, n = b.numCols;
        if (trivial(m, k, n, c)) return;
        FloatPointer pa = slotA.upload(a);
        FloatPointer pb = slotB.upload(b);
        // a is stored k×m row-major; op(a) = aᵀ is m×k; lda is a's row stride.
        gemm(CblasTrans, m, n, k, pa, a.numCols, pb, c);
    }

    @Override
    public void multTransACached(FMatrixRMaj a, long aVersion, FMatrixRMaj b, FMatrixRMaj c) {
        checkTransA("multTransACached", a, b, c);
        ensureOpen();
        if (cache.length == 0) {
            multTransA(a, b, c);
            return;
        }
        int m = a.numCols, k = a.numRows, n = b.numCols;
        if (trivial(m, k, n, c)) return;
        FloatPointer pa = cachedCopyOf(a, aVersion, null);
        FloatPointer pb = slotB.upload(b);
        gemm(CblasTrans, m, n, k, pa, a.numCols, pb, c);
    }

    /**
     * {@code c = alpha·aᵀ·b + beta·c} in one sgemm; {@code c} stays resident in native memory
     * between calls (uploaded only when its version changed) and is copied back into
     * {@code c.data} after every call.
     */
    @Override
    public void multTransAAdd(float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta, FMatrixRMaj c, long cVersion) {
        checkTransA("multTransAAdd", a, b, c);
        ensureOpen();
        int m = a.numCols, k = a.numRows, n = b.numCols;
        if (m == 0 || n == 0) return;
        FloatPointer pc;
        if (accumulators.length == 0) {
            pc = slotC.upload(c);
            gemmTransAAdd(alpha, a, b, beta, pc, m, n, k);
        } else {
            ResidentOperand acc = residentAccumulator(c, cVersion);
            pc = acc.buffer.pointer;
            gemmTransAAdd(alpha, a, b, beta, pc, m, n, k);
            acc.dirty = false;   // copied back just below
        }
        pc.position(0).get(c.data, 0, m * n);
    }

    /** As {@link #multTransAAdd}, with the result left in the resident copy of {@code c} (see the interface). */
    @Override
    public void multTransAAddResident(float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta, FMatrixRMaj c, long cVersion) {
        if (accumulators.length == 0) {
            multTransAAdd(alpha, a, b, beta, c, cVersion);
            return;
        }
        checkTransA("multTransAAddResident", a, b, c);
        ensureOpen();
        int m = a.numCols, k = a.numRows, n = b.numCols;
        if (m == 0 || n == 0) return;
        ResidentOperand acc = residentAccumulator(c, cVersion);
        gemmTransAAdd(alpha, a, b, beta, acc.buffer.pointer, m, n, k);
        acc.dirty = true;
    }

    @Override
    public void syncAccumulator(FMatrixRMaj c) {
        if (closed) return;   // close() wrote every resident result back
        for (ResidentOperand e : accumulators) {
            if (e.holds(c)) e.writeBack();
        }
    }

    /**
     * {@code w ← w + step·(m − wc·w)} as {@code w ← (1 − step·wc)·w} ({@code sscal}) then
     * {@code w ← w + step·m} ({@code saxpy}) on the resident copies; {@code w.data} is then
     * refreshed from the result, whose resident copy carries {@code wNewVersion}. Equal to the
     * heap loop up to float rounding (the two forms round differently).
     */
    @Override
    public void momentumStepInPlace(FMatrixRMaj w, long wVersion, long wNewVersion, FMatrixRMaj m, long mVersion,
                                    float step, float weightCost) {
        if (accumulators.length == 0 || cache.length == 0) {
            MatrixBackend.super.momentumStepInPlace(w, wVersion, wNewVersion, m, mVersion, step, weightCost);
            return;
        }
        if (w.numRows != m.numRows || w.numCols != m.numCols)
            throw new IllegalArgumentException("momentumStepInPlace: w is " + shape(w) + " but m is " + shape(m));
        ensureOpen();
        int len = w.numRows * w.numCols;
        if (len == 0) return;
        FloatPointer pm = residentAccumulator(m, mVersion).buffer.pointer;
        ResidentOperand resident = ResidentOperand.acquire(cache, w, wVersion, null, ++useClock);
        FloatPointer pw = resident.buffer.pointer.position(0);
        applyThreads();
        if (weightCost != 0f) cblas_sscal(len, 1f - step * weightCost, pw, 1);
        cblas_saxpy(len, step, pm.position(0), 1, pw, 1);
        pw.position(0).get(w.data, 0, len);
        resident.version = wNewVersion;
    }

    /** Drops every resident operand; a resident accumulator's newer contents are written back to its heap matrix first. */
    @Override
    public void clearCache() {
        for (ResidentOperand e : cache) e.forget();
        for (ResidentOperand e : accumulators) e.forget();
    }

    /** Frees every native buffer. Idempotent; the backend cannot be used afterwards. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        slotA.free();
        slotB.free();
        slotC.free();
        for (ResidentOperand e : cache) {
            e.forget();
            e.buffer.free();
        }
        for (ResidentOperand e : accumulators) {
            e.forget();
            e.buffer.free();
        }
    }

    // ---------------------------------------------------------------------------------------

    /** {@code pc = alpha·aᵀ·b + beta·pc} (m×n) on native memory; k = 0 only scales. */
    private void gemmTransAAdd(float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta, FloatPointer pc, int m, int n, int k) {
        applyThreads();
        if (k == 0) {
            // No rows: c = beta·c (OpenBLAS's sgemm rejects k = 0 with a zero leading dimension).
            cblas_sscal(m * n, beta, pc.position(0), 1);
            return;
        }
        FloatPointer pa = slotA.upload(a);
        FloatPointer pb = slotB.upload(b);
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, alpha, pa, a.numCols, pb, n, beta, pc.position(0), n);
    }

    private void gemm(int transA, int m, int n, int k, FloatPointer pa, int lda, FloatPointer pb, FMatrixRMaj c) {
        FloatPointer pc = slotC.reserve(m * n);
        applyThreads();
        cblas_sgemm(CblasRowMajor, transA, CblasNoTrans, m, n, k, 1f, pa, lda, pb, n, 0f, pc, n);
        pc.position(0).get(c.data, 0, m * n);
    }

    /** Empty products: no native call (OpenBLAS rejects a leading dimension of 0). */
    private static boolean trivial(int m, int k, int n, FMatrixRMaj c) {
        if (m == 0 || n == 0) return true;
        if (k == 0) {
            Arrays.fill(c.data, 0, m * n, 0f);
            return true;
        }
        return false;
    }

    private void applyThreads() {
        if (threads != SHARED) BlasThreads.apply(threads);
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("OpenBlasBackend used after close()");
    }

    private static void checkMult(String op, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (a.numCols != b.numRows) {
            throw new IllegalArgumentException(op + ": a is " + shape(a) + " but b is " + shape(b));
        }
        if (c.numRows != a.numRows || c.numCols != b.numCols) {
            throw new IllegalArgumentException(op + ": c is " + shape(c) + " but a·b is " + a.numRows + "x"
                    + b.numCols + " (a is " + shape(a) + ", b is " + shape(b) + ")");
        }
    }

    private static void checkTransA(String op, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (a.numRows != b.numRows || c.numRows != a.numCols || c.numCols != b.numCols) {
            throw new IllegalArgumentException(op + ": a is " + shape(a) + " (so aᵀ is " + a.numCols + "x"
                    + a.numRows + "), b is " + shape(b) + ", c is " + shape(c) + "; need a k×m, b k×n, c m×n");
        }
    }

    private static String shape(FMatrixRMaj x) {
        return x.numRows + "x" + x.numCols;
    }

    /** The native copy of {@code b} for this version, uploading it into the LRU slot if needed. */
    private FloatPointer cachedCopyOf(FMatrixRMaj b, long version) {
        return cachedCopyOf(b, version, null);
    }

    /**
     * As above; the slot holding {@code keep} (the other operand of the same product) is never
     * the victim, so two resident operands of one product cannot evict each other.
     */
    private FloatPointer cachedCopyOf(FMatrixRMaj b, long version, FMatrixRMaj keep) {
        return residentCopy(cache, b, version, keep, ++useClock);
    }

    /** The resident native copy of accumulator {@code c}, uploaded only if its version changed. */
    private ResidentOperand residentAccumulator(FMatrixRMaj c, long version) {
        return ResidentOperand.acquire(accumulators, c, version, null, ++useClock);
    }

    private static FloatPointer residentCopy(ResidentOperand[] slots, FMatrixRMaj x, long version, FMatrixRMaj keep, long now) {
        return ResidentOperand.acquire(slots, x, version, keep, now).buffer.pointer;
    }
}
