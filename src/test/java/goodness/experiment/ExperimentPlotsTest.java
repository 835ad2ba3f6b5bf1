package goodness.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two experiment processes, one per negative mode, write the same folder's {@code results.png}
 * side by side: neither may fail on the other's temporary file, and the file is always a whole PNG.
 */
class ExperimentPlotsTest {

    private static JFreeChart chart(int points) {
        XYSeries s = new XYSeries("accuracy");
        for (int i = 0; i < points; i++) s.add(i, 10 + i);
        return new JFreeChart(new XYPlot(new XYSeriesCollection(s), new NumberAxis("N"), new NumberAxis("%"), new XYLineAndShapeRenderer()));
    }

    @Test
    void aCellWithoutAValueIsAGapInItsLineNotAPointOnIt(@TempDir Path dir) throws Exception {
        java.util.SortedMap<Double, double[]> masks = new java.util.TreeMap<>();
        masks.put(ExperimentPlots.UNSEPARATED_X, new double[] {82.4});
        masks.put(1.0, new double[] {71.9});
        masks.put(8.0, new double[0]);                  // not run yet
        masks.put(16.0, new double[] {30.0, 34.0});     // two seeds
        var data = ExperimentPlots.dataset(List.of(new ExperimentPlots.Line("masks, this run", 1, false, masks)));

        assertEquals(4, data.getItemCount(0));
        assertEquals(71.9, data.getYValue(0, 1));
        assertTrue(Double.isNaN(data.getYValue(0, 2)), "the missing cell is a gap");
        assertTrue(Double.isNaN(data.getStartYValue(0, 2)) && Double.isNaN(data.getEndYValue(0, 2)), "and has no bar");
        assertEquals(32.0, data.getYValue(0, 3), 1e-12);
        assertEquals(30.0, data.getStartYValue(0, 3), 1e-12);
        assertEquals(34.0, data.getEndYValue(0, 3), 1e-12);

        // The whole plot renders with the gap in it.
        Path png = dir.resolve("results.png");
        ExperimentPlots.separation(png, "title", "subtitle", List.of(new ExperimentPlots.Line("masks, this run", 1, false, masks)), 1);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, head);
    }

    @Test
    void writersOfOnePlotAtTheSameTimeNeitherFailNorLeaveTemporaryFiles(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("results.png");
        int writers = 4, writes = 15;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int points = 3 + w;
                Callable<Void> job = () -> {
                    start.await();
                    for (int i = 0; i < writes; i++) ExperimentPlots.save(png, chart(points));
                    return null;
                };
                done.add(pool.submit(job));
            }
            start.countDown();
            for (Future<Void> f : done) f.get();   // rethrows any writer's IOException
        } finally {
            pool.shutdownNow();
        }
        byte[] b = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(b, 4));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(ExperimentPlots.WIDTH, img.getWidth());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(png), left.toList(), "only the plot is left in the folder");
        }
        assertTrue(b.length > 1000);
    }
}
