import static org.bytedeco.openblas.global.openblas.*;
import org.bytedeco.javacpp.*; import java.util.concurrent.locks.LockSupport;
public class Split2 {
  static volatile Runnable task; static volatile boolean done; static Thread worker;
  static void startWorker() {
    worker = new Thread(() -> { while (true) { Runnable t; int spins=0; while ((t = task) == null) { if (++spins < 200_000) Thread.onSpinWait(); else LockSupport.park(); } task = null; t.run(); done = true; } });
    worker.setDaemon(true); worker.start();
  }
  static void both(Runnable mine, Runnable other) { done = false; task = other; LockSupport.unpark(worker); mine.run(); while (!done) Thread.onSpinWait(); }
  public static void main(String[] args) throws Exception {
    Loader.load(org.bytedeco.openblas.global.openblas.class);
    boolean two = Boolean.getBoolean("mode2");
    if (!two) startWorker();
    blas_set_num_threads(two ? 2 : 1);
    int[][] shapes = {{1000,1000,1000,0},{100,1000,1000,0},{200,1000,1000,0},{100,784,1000,0},{1000,1000,200,1},{1000,1000,100,1},{784,1000,110,1},{1000,10,100,1},{100,1000,10,0}};
    for (int rep=0; rep<2; rep++) for (int[] s : shapes) {
      boolean trans = s[3]==1; int M=s[0], K= trans? s[2] : s[1], N= trans? s[1]: s[2];
      FloatPointer a = new FloatPointer((long)M*K), b = new FloatPointer((long)K*N), c = new FloatPointer((long)M*N);
      for (long i=0;i<(long)M*K;i++) a.put(i, (float)Math.sin(i)); for (long i=0;i<(long)K*N;i++) b.put(i,(float)Math.cos(i));
      int ta = trans? CblasTrans: CblasNoTrans; int lda = trans? M : K;
      int h = (N/2)/16*16; FloatPointer b2 = new FloatPointer(b).position(h), c2 = new FloatPointer(c).position(h);
      double[] r = new double[41];
      for (int it=0; it<51; it++) {
        long t0=System.nanoTime();
        if (two || N < 64) cblas_sgemm(CblasRowMajor, ta, CblasNoTrans, M, N, K, 1f, a, lda, b, N, 0f, c, N);
        else both(() -> cblas_sgemm(CblasRowMajor, ta, CblasNoTrans, M, h, K, 1f, a, lda, b, N, 0f, c, N),
                  () -> cblas_sgemm(CblasRowMajor, ta, CblasNoTrans, M, N-h, K, 1f, a, lda, b2, N, 0f, c2, N));
        long t1=System.nanoTime();
        if (it>=10) r[it-10]=2.0*M*N*K/(t1-t0);
      }
      java.util.Arrays.sort(r);
      System.out.printf("%s %s M=%d N=%d K=%d: %.1f GFLOP/s%n", two?"openblas2":"split", trans?"transA":"mult", M,N,K, r[20]);
    }
  }
}
