package goodness.ui.draw;

import goodness.service.PredictionService;
import goodness.ui.ColorMaps;
import goodness.ui.Picture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the drawing tab shows of a recurrent model settling on a digit, computed from
 * {@link PredictionService.Settling} (no JavaFX): per label, the goodness summed over the layers
 * at every iteration; and, for the winning label, each layer's activity per iteration as a heat
 * strip (rows = iterations 0..T, columns = the layer's units most active at the last iteration,
 * most active first) and as a mean.
 *
 * @param goodness     {@code [label][t]}: Σ_l G_l(t) with that label clamped, t = 0..T
 * @param winner       the predicted label (largest score over the scored iterations)
 * @param scoreFrom    the first scored iteration
 * @param scoreTo      the last scored iteration
 * @param strips       per layer, the winner's states: T+1 rows × {@link #units} columns, each unit's
 *                     column heat-coloured on the layer's scale (its largest state in the strip)
 * @param units        per layer, the unit index of each strip column (most active first)
 * @param meanActivity {@code [layer][t]}: the winner's mean state per unit
 */
public record SettlingData(double[][] goodness, int winner, int scoreFrom, int scoreTo, List<Picture> strips, int[][] units,
                       double[][] meanActivity) {

    /** Columns of a layer's strip: its units most active at the last iteration. */
    public static final int STRIP_UNITS = 120;

    /** T, the last iteration. */
    public int iterations() {
        return goodness[0].length - 1;
    }

    /** The view of one digit's run. */
    public static SettlingData of(PredictionService.Settling s) {
        float[][][] g = s.run().goodness();
        int labels = g.length, steps = g[0].length, layers = g[0][0].length, winner = s.run().label();
        double[][] sum = new double[labels][steps];
        for (int c = 0; c < labels; c++)
            for (int t = 0; t < steps; t++)
                for (int l = 0; l < layers; l++) sum[c][t] += g[c][t][l];
        float[][][] a = s.run().activity()[winner];   // [t][layer][unit]
        List<Picture> strips = new ArrayList<>();
        int[][] units = new int[layers][];
        double[][] mean = new double[layers][steps];
        for (int l = 0; l < layers; l++) {
            int width = a[0][l].length;
            for (int t = 0; t < steps; t++) {
                double m = 0;
                for (int j = 0; j < width; j++) m += a[t][l][j];
                mean[l][t] = m / width;
            }
            units[l] = mostActive(a[steps - 1][l], Math.min(STRIP_UNITS, width));
            strips.add(strip(a, l, units[l]));
        }
        return new SettlingData(sum, winner, s.scoreFrom(), s.scoreTo(), List.copyOf(strips), units, mean);
    }

    /** The indices of the {@code n} largest values, largest first (ties: the lower index first). */
    static int[] mostActive(float[] v, int n) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> v[x] != v[y] ? Float.compare(v[y], v[x]) : Integer.compare(x, y));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = order[i];
        return out;
    }

    private static Picture strip(float[][][] a, int layer, int[] units) {
        int rows = a.length, cols = units.length;
        double scale = 0;
        for (float[][] step : a) for (int u : units) scale = Math.max(scale, step[layer][u]);
        int[] px = new int[rows * cols];
        for (int t = 0; t < rows; t++)
            for (int i = 0; i < cols; i++) px[t * cols + i] = ColorMaps.heat(scale > 0 ? a[t][layer][units[i]] / scale : 0);
        return new Picture(cols, rows, px);
    }

    /** The label with the largest goodness at iteration {@code t} (ties: the lower label). */
    public int leaderAt(int t) {
        int best = 0;
        for (int c = 1; c < goodness.length; c++) if (goodness[c][t] > goodness[best][t]) best = c;
        return best;
    }
}
