package goodness.ff.training;

import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch taken apart for the slow-motion view: the positive pass (each case's goodness per
 * layer against the threshold, and the probability p = σ((G − θ)/T) the layer gives it), the
 * negative pass (the same for the negatives), and what the update changed (per layer, the size
 * of ΔW against W; the layer-1 units that moved most, with their ΔW as 28×28 pictures).
 *
 * <p>The trainer computes a batch in one go, every pass with the weights as they stood when the
 * batch began; the stages are that batch's own figures, shown one after the other.
 *
 * @param epoch         the epoch the batch belongs to
 * @param batch         the batch's index in its epoch
 * @param negatives     the negative mode that made its negatives
 * @param positive      per layer, each case's goodness on the positive pass
 * @param negative      per layer, each case's goodness on the negative pass
 * @param threshold     per layer, θ in goodness units
 * @param temperature   T of the logistic
 * @param changeRatio   per layer, rms(ΔW) / rms(W before) of this batch's update
 * @param units         the layer-1 units whose weights moved most (largest ‖ΔW column‖), most first
 * @param unitChanges   for each of {@code units}, its 784 weight changes (input pixel order)
 */
public record SlowMotionBatch(int epoch, int batch, NegativeMode negatives, List<float[]> positive, List<float[]> negative,
                              List<Double> threshold, double temperature, List<Double> changeRatio, int[] units,
                              List<float[]> unitChanges) {

    /** Layer {@code l}'s probability that case {@code i} is positive, on the positive ({@code positivePass}) or negative pass. */
    public double probability(int l, int i, boolean positivePass) {
        float g = (positivePass ? positive : negative).get(l)[i];
        return FFMath.logistic((g - threshold.get(l)) / temperature);
    }

    /** Layer {@code l}'s share of cases it gets right: p > 0.5 on the positive pass, p < 0.5 on the negative one. */
    public double rightShare(int l, boolean positivePass) {
        float[] g = (positivePass ? positive : negative).get(l);
        int right = 0;
        for (int i = 0; i < g.length; i++) {
            double p = probability(l, i, positivePass);
            if (positivePass ? p > 0.5 : p < 0.5) right++;
        }
        return g.length == 0 ? Double.NaN : (double) right / g.length;
    }

    /**
     * The batch's figures from the network before and after it ({@code before} a copy taken at
     * the batch's start, {@code after} the network now) and the trainer's view of the batch just
     * trained; {@code count} layer-1 units are kept.
     */
    public static SlowMotionBatch of(int epoch, int batch, FFNetwork before, FFNetwork after, BatchSnapshot snapshot, double temperature, int count) {
        int layers = after.layerCount();
        List<Double> ratio = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            float[] w0 = before.weights[l].data, w1 = after.weights[l].data;
            double dSq = 0, wSq = 0;
            for (int k = 0, n = after.weights[l].getNumElements(); k < n; k++) {
                double d = (double) w1[k] - w0[k];
                dSq += d * d;
                wSq += (double) w0[k] * w0[k];
            }
            ratio.add(wSq > 0 ? Math.sqrt(dSq / wSq) : Double.NaN);
        }
        int in = after.weights[0].numRows, width = after.width(0);
        float[] w0 = before.weights[0].data, w1 = after.weights[0].data;
        double[] moved = new double[width];
        for (int k = 0; k < in; k++)
            for (int j = 0; j < width; j++) {
                double d = (double) w1[k * width + j] - w0[k * width + j];
                moved[j] += d * d;
            }
        int keep = Math.min(count, width);
        int[] units = new int[keep];
        boolean[] taken = new boolean[width];
        for (int r = 0; r < keep; r++) {
            int best = -1;
            for (int j = 0; j < width; j++) if (!taken[j] && (best < 0 || moved[j] > moved[best])) best = j;
            taken[best] = true;
            units[r] = best;
        }
        List<float[]> changes = new ArrayList<>();
        for (int u : units) {
            float[] c = new float[in];
            for (int k = 0; k < in; k++) c[k] = w1[k * width + u] - w0[k * width + u];
            changes.add(c);
        }
        return new SlowMotionBatch(epoch, batch, snapshot.negatives(), List.copyOf(snapshot.lastPos()), List.copyOf(snapshot.lastNeg()),
                List.copyOf(snapshot.threshold()), temperature, List.copyOf(ratio), units, List.copyOf(changes));
    }
}
