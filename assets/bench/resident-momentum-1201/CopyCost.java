import org.bytedeco.javacpp.FloatPointer;
public class CopyCost {
    public static void main(String[] a) {
        int n = 1_000_000; float[] h = new float[n]; FloatPointer p = new FloatPointer(n);
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) p.position(0).get(h, 0, n);
            long t1 = System.nanoTime();
            for (int i = 0; i < 200; i++) p.position(0).put(h, 0, n);
            long t2 = System.nanoTime();
            System.out.printf("get %.3f ms/4MB  put %.3f ms/4MB%n", (t1 - t0) / 200e6, (t2 - t1) / 200e6);
        }
    }
}
