package goodness.ff.playground;

/**
 * One batch as far as its stages have run, for the view ("a batch in slow motion"). Arrays are
 * copies, owned by the record; the negatives are null until the negative stage has run, the
 * update's size until the update has.
 *
 * @param batch       the batch's number, from 1
 * @param done        the last stage run
 * @param cases       cases in the batch
 * @param x           the positive points' x, per case
 * @param y           their y
 * @param label       their (true) classes
 * @param posGoodness [layer][case] goodness of the positive pass
 * @param negX        the negatives' x (the same as x for wrong-class negatives)
 * @param negY        their y
 * @param negLabel    their classes
 * @param negGoodness [layer][case] goodness of the negative pass
 * @param thresholds  θ·width of each layer
 * @param updateRms   per layer, the rms of the weight change the update made
 */
public record BatchView(long batch, PlaygroundTrainer.Stage done, int cases, float[] x, float[] y, int[] label, float[][] posGoodness,
                        float[] negX, float[] negY, int[] negLabel, float[][] negGoodness, double[] thresholds, double[] updateRms) {

    /** Cases of layer l whose positive goodness is above the threshold (p > 0.5). */
    public int positivesAbove(int l) {
        int n = 0;
        for (int i = 0; i < cases; i++) if (posGoodness[l][i] > thresholds[l]) n++;
        return n;
    }

    /** Cases of layer l whose negative goodness is below the threshold (p < 0.5); 0 before the negative stage. */
    public int negativesBelow(int l) {
        if (negGoodness == null) return 0;
        int n = 0;
        for (int i = 0; i < cases; i++) if (negGoodness[l][i] < thresholds[l]) n++;
        return n;
    }
}
