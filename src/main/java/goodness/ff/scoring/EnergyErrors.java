package goodness.ff.scoring;

import goodness.ff.FFConfig;
import goodness.ff.FFMath;

import java.util.ArrayList;
import java.util.List;

/**
 * Error counts of one scoring of a set, all from the same {@link GoodnessScorer.Scores} (no
 * extra forward pass): the recipe's energy prediction (its combination of layers), the
 * prediction of each layer alone (the label whose goodness in that layer is highest; ties go to
 * the lowest label, as for the energy), the energy errors of each true class and, when asked,
 * the softmax errors.
 *
 * @param energy   errors of the recipe's energy prediction
 * @param softmax  softmax errors (0 unless counted)
 * @param perLayer per layer, errors of that layer's goodness alone
 * @param perClass per true label, energy errors among the cases of that label (10 entries)
 */
public record EnergyErrors(int energy, int softmax, List<Integer> perLayer, List<Integer> perClass) {

    /**
     * Counts the errors of the first {@code count} scored images against {@code labels}; fills
     * {@code confusion[true][predicted]} (energy) if given.
     */
    public static EnergyErrors count(GoodnessScorer.Scores scores, int[] labels, int count, int layers, boolean withSoftmax, int[][] confusion) {
        int e = 0, s = 0;
        int[] layerErrors = new int[layers], classErrors = new int[FFConfig.LABELS];
        for (int i = 0; i < count; i++) {
            int truth = labels[i];
            int pe = scores.energyPrediction(i);
            if (pe != truth) {
                e++;
                classErrors[truth]++;
            }
            if (withSoftmax && scores.softmaxPrediction(i) != truth) s++;
            for (int l = 0; l < layers; l++)
                if (FFMath.argmax(scores.goodness[l], i * FFConfig.LABELS, FFConfig.LABELS) != truth) layerErrors[l]++;
            if (confusion != null) confusion[truth][pe]++;
        }
        return new EnergyErrors(e, s, list(layerErrors), list(classErrors));
    }

    private static List<Integer> list(int[] v) {
        List<Integer> r = new ArrayList<>(v.length);
        for (int x : v) r.add(x);
        return List.copyOf(r);
    }
}
