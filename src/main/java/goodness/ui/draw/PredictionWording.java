package goodness.ui.draw;

import goodness.ff.scoring.Prediction;

/**
 * What the Draw tab calls its figures for a prediction: an energy network scores each label by
 * goodness, a recurrent one by goodness summed over its scored iterations, and an unsupervised
 * one has no label in its input at all, so only its linear readout picks a label and the
 * goodness of a layer is the same whichever label is asked about.
 *
 * @param heading      above the predicted label
 * @param chartTitle   the bar chart's title
 * @param rangeLabel   the bar chart's value axis
 * @param readoutName  the second line's name for the softmax readout
 * @param gridTitle    above the goodness table
 * @param perLabel     whether goodness differs by label (the table has a column per label, the heat strip means something)
 * @param activityNote the end of the hidden-activity title: which inputs the two columns are
 */
public record PredictionWording(String heading, String chartTitle, String rangeLabel, String readoutName, String gridTitle,
                                boolean perLabel, String activityNote) {

    /** The wording for {@code p}; {@code scoreFrom}..{@code scoreTo} are a recurrent model's scored iterations ({@code scoreFrom < 0}: not recurrent). */
    public static PredictionWording of(Prediction p, int scoreFrom, int scoreTo) {
        if (p != null && !p.hasEnergy())
            return new PredictionWording("Readout prediction", "What the readout sees: probability per label (no label in the input)",
                    "probability", "readout", "Goodness per layer (no label in the input: the same for every label)", false,
                    "the drawn image");
        if (scoreFrom >= 0)
            return new PredictionWording("Energy prediction", "Score per label (goodness summed over iterations " + scoreFrom + "–" + scoreTo
                    + " and the layers)", "score", "softmax", "Goodness per layer and label (★ = layer counts in the energy)", true,
                    "predicted label vs runner-up");
        return new PredictionWording("Energy prediction", "Energy (summed goodness) per label", "energy", "softmax",
                "Goodness per layer and label (★ = layer counts in the energy)", true, "predicted label vs runner-up");
    }
}
