package goodness.ff.backend;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * EJML's own products: the reference every other backend is tested against. Slow on the
 * training shapes (5-10 GFLOP/s here) but pure Java and exact by construction.
 */
public final class EjmlBackend implements MatrixBackend {
    private final int threads;

    /** @param threads 1 for {@link CommonOps_FDRM}, more for {@link CommonOps_MT_FDRM}. */
    public EjmlBackend(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
    }

    @Override public String name() { return "ejml"; }

    @Override public int threads() { return threads; }

    @Override
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (threads > 1) CommonOps_MT_FDRM.mult(a, b, c); else CommonOps_FDRM.mult(a, b, c);
    }

    @Override
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (threads > 1) CommonOps_MT_FDRM.multTransA(a, b, c); else CommonOps_FDRM.multTransA(a, b, c);
    }

    @Override
    public void multTransAAdd(float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta, FMatrixRMaj c, long cVersion) {
        if (a.numRows != b.numRows || c.numRows != a.numCols || c.numCols != b.numCols)
            throw new IllegalArgumentException("multTransAAdd: a is " + a.numRows + "x" + a.numCols + ", b is " + b.numRows
                    + "x" + b.numCols + ", c is " + c.numRows + "x" + c.numCols + "; need a k×m, b k×n, c m×n");
        CommonOps_FDRM.scale(beta, c);
        if (threads > 1) CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c); else CommonOps_FDRM.multAddTransA(alpha, a, b, c);
    }
}
