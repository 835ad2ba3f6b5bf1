import goodness.ff.playground.Landscape;
import goodness.ff.playground.PlaygroundSettings;
import goodness.ff.playground.PlaygroundTrainer;

/**
 * What one Playground frame costs on the worker, without the app: the landscape of a settings
 * string's network (after 200 batches) on a grid, and 5 batches, each timed over 2 s, 3 times.
 * Run from the repository root after `mvn -o -q compile`:
 *   nice -n 15 java -cp target/classes scripts/PlaygroundFrameCost.java "data=moons" 64
 */
public class PlaygroundFrameCost {
    public static void main(String[] args) {
        PlaygroundSettings s = PlaygroundSettings.parse(args.length > 0 ? args[0] : "data=moons");
        int grid = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        PlaygroundTrainer t = new PlaygroundTrainer(s);
        for (int i = 0; i < 200; i++) t.trainBatch();
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - t0 < 2_000_000_000L) {
                Landscape.compute(t.network(), s, grid, PlaygroundTrainer.PLANE, false, 20, 0, t.points());
                n++;
            }
            double landscape = (System.nanoTime() - t0) / 1e6 / n;
            t0 = System.nanoTime();
            n = 0;
            while (System.nanoTime() - t0 < 1_000_000_000L) {
                for (int i = 0; i < 5; i++) t.trainBatch();
                n++;
            }
            System.out.printf("grid %d: landscape %.1f ms, 5 batches %.2f ms%n", grid, landscape, (System.nanoTime() - t0) / 1e6 / n);
        }
    }
}
