import goodness.data.*; import goodness.ff.*; import goodness.ff.backend.*; import goodness.ff.training.*;
import org.ejml.data.FMatrixRMaj; import java.nio.file.*; import java.util.*;
public class Timing { // needs the split build's OpenBlasBackend.usingOpenBlasThreads (not kept); on main use new OpenBlasBackend(n) for "openblas"
  static final Map<String, long[]> T = new TreeMap<>();
  static void rec(String k, long ns) { long[] v = T.computeIfAbsent(k, x -> new long[2]); v[0]+=ns; v[1]++; }
  static String sh(String op, int m, int k, int n) { return op + " " + m + "x" + k + "x" + n; }
  public static void main(String[] a) throws Exception {
    boolean split = a[0].equals("split"); int threads = Integer.parseInt(a[1]);
    MatrixBackend inner = split ? new OpenBlasBackend(threads) : OpenBlasBackend.usingOpenBlasThreads(threads);
    MatrixBackend be = new MatrixBackend() {
      public String name() { return "t"; } public int threads() { return inner.threads(); }
      public void mult(FMatrixRMaj x, FMatrixRMaj y, FMatrixRMaj c) { long t=System.nanoTime(); inner.mult(x,y,c); rec(sh("mult",x.numRows,x.numCols,y.numCols), System.nanoTime()-t); }
      public void multTransA(FMatrixRMaj x, FMatrixRMaj y, FMatrixRMaj c) { long t=System.nanoTime(); inner.multTransA(x,y,c); rec(sh("multTransA",x.numCols,x.numRows,y.numCols), System.nanoTime()-t); }
      public void multCached(FMatrixRMaj x, FMatrixRMaj y, long v, FMatrixRMaj c) { long t=System.nanoTime(); inner.multCached(x,y,v,c); rec(sh("multCached",x.numRows,x.numCols,y.numCols), System.nanoTime()-t); }
      public void multCached(FMatrixRMaj x, long av, FMatrixRMaj y, long v, FMatrixRMaj c) { long t=System.nanoTime(); inner.multCached(x,av,y,v,c); rec(sh("multCached2",x.numRows,x.numCols,y.numCols), System.nanoTime()-t); }
      public void multTransACached(FMatrixRMaj x, long av, FMatrixRMaj y, FMatrixRMaj c) { long t=System.nanoTime(); inner.multTransACached(x,av,y,c); rec(sh("multTransACached",x.numCols,x.numRows,y.numCols), System.nanoTime()-t); }
      public void multTransAAdd(float al, FMatrixRMaj x, FMatrixRMaj y, float be2, FMatrixRMaj c, long v) { long t=System.nanoTime(); inner.multTransAAdd(al,x,y,be2,c,v); rec(sh("multTransAAdd",x.numCols,x.numRows,y.numCols), System.nanoTime()-t); }
      public void close() { inner.close(); }
    };
    FFConfig cfg = FFConfig.hinton().toBuilder().threads(threads).evalEvery(0).build();
    DataSplits d = Trainers.loadData(Path.of("/work/main/data"), cfg);
    Trainer tr = Trainers.create(cfg, d, be);
    for (int i=0;i<60;i++) tr.trainBatch();
    T.clear();
    long t0=System.nanoTime(); int nb=150; for (int i=0;i<nb;i++) tr.trainBatch(); long total=System.nanoTime()-t0;
    long prod=0; for (long[] v: T.values()) prod+=v[0];
    System.out.printf("%s x%d: %.2f ms/batch, products %.2f ms/batch (%.0f%%)%n", a[0], threads, total/1e6/nb, prod/1e6/nb, 100.0*prod/total);
    for (var e: T.entrySet()) { String[] p=e.getKey().split(" ")[1].split("x"); double fl=2.0*Long.parseLong(p[0])*Long.parseLong(p[1])*Long.parseLong(p[2]);
      System.out.printf("  %-34s %5.2f ms/batch  %3d calls/batch  %6.1f GFLOP/s%n", e.getKey(), e.getValue()[0]/1e6/nb, e.getValue()[1]/nb, fl*e.getValue()[1]/e.getValue()[0]); }
    System.exit(0);
  }
}
