package goodness.ff.backend;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * Pure-Java products for a left matrix with only a few rows (a single drawn digit is ten rows,
 * one per candidate label). Such a product is bound by reading the right-hand matrix (4 MB for a
 * 1000×1000 layer), not by arithmetic: a row-by-row product reads it once per row, this one reads
 * it once in all. The loop order is k (right-hand row) outermost, then the left rows, then the
 * output columns; the inner loop is an axpy the JIT vectorises, the right-hand row stays in L1
 * and the output (rows × n) in L2. Single-threaded, so it never competes with a training
 * thread's BLAS threads. {@code multTransA} is not on this path and falls back to EJML.
 */
public final class FewRowsBackend implements MatrixBackend {

    @Override public String name() { return "few-rows"; }

    @Override public int threads() { return 1; }

    @Override
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        int m = a.numRows, k = a.numCols, n = b.numCols;
        if (b.numRows != k) throw new IllegalArgumentException("mult: a is " + m + "x" + k + " but b is " + b.numRows + "x" + n);
        if (c.numRows != m || c.numCols != n) throw new IllegalArgumentException("mult: c must be " + m + "x" + n + ", is " + c.numRows + "x" + c.numCols);
        float[] ad = a.data, bd = b.data, cd = c.data;
        java.util.Arrays.fill(cd, 0, m * n, 0f);
        for (int p = 0; p < k; p++) {
            int bo = p * n;
            for (int i = 0; i < m; i++) {
                float av = ad[i * k + p];
                if (av == 0f) continue; // inputs are ReLU outputs: many exact zeros
                int co = i * n;
                for (int j = 0; j < n; j++) cd[co + j] += av * bd[bo + j];
            }
        }
    }

    @Override
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        CommonOps_FDRM.multTransA(a, b, c);
    }
}
