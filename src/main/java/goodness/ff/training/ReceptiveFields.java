package goodness.ff.training;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;

import java.util.SplittableRandom;

/**
 * Layer-1 weights of chosen units, for the Inside view: unit {@code units[k]}'s incoming weights
 * (784, in image order, the ten label pixels first) are {@code weights[k·784 .. k·784+784)}.
 * Arrays are private copies that nobody writes to after construction.
 *
 * @param epoch      epoch in progress when copied
 * @param batch      batches done in that epoch
 * @param mostActive true: the units most active on the last batch's positive data; false: a fixed set
 * @param units      the chosen units (indices into layer 1)
 * @param weights    their weights, units.length × 784
 * @param activity   mean activity of each chosen unit on the last batch's positive data; for a
 *                   stored model's fields ({@link #strongestOf}) each unit's weight norm instead
 */
public record ReceptiveFields(int epoch, int batch, boolean mostActive, int[] units, float[] weights, float[] activity) {

    /**
     * A fixed set of {@code count} distinct units of a layer of {@code width}, the same every
     * time (its own generator, fixed seed: the training run's generator is never touched).
     */
    public static int[] fixedUnits(int width, int count) {
        int n = Math.min(width, count);
        int[] all = new int[width];
        for (int j = 0; j < width; j++) all[j] = j;
        SplittableRandom r = new SplittableRandom(0x1A51DEL);
        for (int k = 0; k < n; k++) {
            int pick = k + r.nextInt(width - k);
            int t = all[k];
            all[k] = all[pick];
            all[pick] = t;
        }
        int[] units = java.util.Arrays.copyOf(all, n);
        java.util.Arrays.sort(units);
        return units;
    }

    /** The {@code count} units with the highest {@code activity} (ties: lower index first), most active first. */
    static int[] mostActive(float[] activity, int count) {
        int n = Math.min(activity.length, count);
        Integer[] idx = new Integer[activity.length];
        for (int j = 0; j < idx.length; j++) idx[j] = j;
        java.util.Arrays.sort(idx, (x, y) -> activity[y] != activity[x] ? Float.compare(activity[y], activity[x]) : Integer.compare(x, y));
        int[] units = new int[n];
        for (int k = 0; k < n; k++) units[k] = idx[k];
        return units;
    }

    /**
     * The layer-1 fields of a stored model, with no run and no data: the {@code count} units
     * whose incoming weights (label pixels included) have the largest Euclidean norm, largest
     * first. {@code epoch} and {@code batch} are −1; {@code activity} holds those norms.
     */
    public static ReceptiveFields strongestOf(FFNetwork net, int count) {
        int width = net.width(0), dim = FFConfig.IMAGE_PIXELS;
        float[] w1 = net.weights[0].data;
        if (w1.length != dim * width) throw new IllegalArgumentException("layer 1 has " + w1.length + " weights, not " + dim + " × " + width);
        double[] sum = new double[width];
        for (int p = 0; p < dim; p++)
            for (int j = 0; j < width; j++) sum[j] += (double) w1[p * width + j] * w1[p * width + j];
        float[] norm = new float[width];
        for (int j = 0; j < width; j++) norm[j] = (float) Math.sqrt(sum[j]);
        return of(-1, -1, false, mostActive(norm, count), w1, width, norm);
    }

    /** Copies the columns {@code units} of W1 (784 × width, row-major) and their activities. */
    static ReceptiveFields of(int epoch, int batch, boolean mostActive, int[] units, float[] w1, int width, float[] activity) {
        int dim = FFConfig.IMAGE_PIXELS;
        float[] out = new float[units.length * dim], act = new float[units.length];
        for (int k = 0; k < units.length; k++) {
            int j = units[k];
            if (j < 0 || j >= width) throw new IllegalArgumentException("unit " + j + " is not in layer 1 (width " + width + ")");
            for (int p = 0; p < dim; p++) out[k * dim + p] = w1[p * width + j];
            act[k] = activity[j];
        }
        return new ReceptiveFields(epoch, batch, mostActive, units.clone(), out, act);
    }
}
