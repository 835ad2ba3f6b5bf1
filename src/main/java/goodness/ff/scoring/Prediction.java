package goodness.ff.scoring;

/**
 * What the network says about one image.
 *
 * @param goodness       goodness[layer][label]: each layer's goodness with each candidate label
 * @param energy         energy[label]: the summed goodness of the layers that count (higher = better)
 * @param energyLabel    argmax of energy (ties → the lowest label)
 * @param softmax        softmax probabilities from the neutral-label pass, or null without a readout
 * @param softmaxLabel   argmax of softmax, or -1 without a readout
 * @param countsInEnergy per layer, whether it counts in the energy score
 */
public record Prediction(float[][] goodness, float[] energy, int energyLabel, float[] softmax, int softmaxLabel,
                         boolean[] countsInEnergy) {
}
