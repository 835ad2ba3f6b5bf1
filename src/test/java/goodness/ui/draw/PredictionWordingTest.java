package goodness.ui.draw;

import goodness.data.PreprocessedDigit;
import goodness.ff.scoring.Prediction;
import goodness.service.PredictionService;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Draw tab names what it shows after the kind of network: energy, recurrent score, or an unsupervised net's readout. */
class PredictionWordingTest {
    private static Prediction prediction(boolean energy) {
        float[][] goodness = new float[4][10];
        for (int l = 0; l < 4; l++) java.util.Arrays.fill(goodness[l], 100f + l);
        float[] softmax = new float[10];
        softmax[7] = 1f;
        float[] e = energy ? new float[]{1, 2, 3, 4, 5, 6, 7, 9, 8, 0} : null;
        return new Prediction(goodness, e, energy ? 7 : -1, softmax, 7, new boolean[]{false, true, true, true});
    }

    @Test
    void anUnsupervisedNetworksBarsAreItsReadoutsProbabilitiesAndItsGoodnessHasNoLabelColumns() {
        PredictionWording w = PredictionWording.of(prediction(false), -1, 0);
        assertEquals("Readout prediction", w.heading());
        assertTrue(w.chartTitle().startsWith("What the readout sees"), w.chartTitle());
        assertEquals("probability", w.rangeLabel());
        assertEquals("readout", w.readoutName());
        assertFalse(w.perLabel());
        assertFalse(w.chartTitle().contains("nergy") || w.gridTitle().contains("energy"), "no energy named where there is none");
    }

    @Test
    void anEnergyNetworkKeepsItsEnergyWordsAndARecurrentOneNamesItsScoredIterations() {
        PredictionWording energy = PredictionWording.of(prediction(true), -1, 0);
        assertEquals("Energy prediction", energy.heading());
        assertEquals("Energy (summed goodness) per label", energy.chartTitle());
        assertEquals("energy", energy.rangeLabel());
        assertTrue(energy.perLabel());
        PredictionWording recurrent = PredictionWording.of(prediction(true), 3, 5);
        assertEquals("Score per label (goodness summed over iterations 3–5 and the layers)", recurrent.chartTitle());
        assertEquals("score", recurrent.rangeLabel());
    }

    @Test
    void anUnsupervisedNetworkShowsTheImagesActivityOnceWithoutARunnerUp() {
        float[][] act = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {1, 1, 1}};
        var activity = List.of(new PredictionService.HiddenActivity(7, act), new PredictionService.HiddenActivity(3, act));
        PreprocessedDigit digit = new PreprocessedDigit(new float[784], false, null);
        CanvasViewModel.ActivityMaps unsupervised = CanvasViewModel.activityMaps(
                new PredictionService.Result(digit, prediction(false), 1, "m", 1, activity, null));
        assertEquals(-1, unsupervised.runnerUp());
        assertEquals(4, unsupervised.predictedMaps().size());
        assertTrue(unsupervised.runnerUpMaps().isEmpty());
        CanvasViewModel.ActivityMaps labelled = CanvasViewModel.activityMaps(
                new PredictionService.Result(digit, prediction(true), 1, "m", 1, activity, null));
        assertEquals(3, labelled.runnerUp());
        assertEquals(4, labelled.runnerUpMaps().size());
    }
}
