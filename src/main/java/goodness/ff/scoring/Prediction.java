package goodness.ff.scoring;

/**
 * What the network says about one image.
 *
 * @param goodness       goodness[layer][label]: each layer's goodness with each candidate label
 * @param energy         energy[label]: the summed goodness of the layers that count (higher = better),
 *                       or null for a network without a labelled score (unsupervised)
 * @param energyLabel    argmax of energy (ties → the lowest label), or -1 without one
 * @param softmax        softmax probabilities from the neutral-label pass, or null without a readout
 * @param softmaxLabel   argmax of softmax, or -1 without a readout
 * @param countsInEnergy per layer, whether it counts in the energy score
 */
public record Prediction(float[][] goodness, float[] energy, int energyLabel, float[] softmax, int softmaxLabel,
                         boolean[] countsInEnergy) {

    /** Whether the network scores labels by goodness; an unsupervised one has only its readout. */
    public boolean hasEnergy() {
        return energy != null;
    }

    /** The label the network gives: the energy's, or the readout's where there is no energy score. */
    public int label() {
        return hasEnergy() ? energyLabel : softmaxLabel;
    }

    /** Per label, the score the prediction is the argmax of: the energy, or the readout's probabilities. */
    public float[] scores() {
        return hasEnergy() ? energy : softmax;
    }
}
