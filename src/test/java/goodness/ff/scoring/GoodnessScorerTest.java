package goodness.ff.scoring;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.io.DefaultModel;
import goodness.ff.training.HintonTrainerTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The scorer's fast path (layer 1 computed once per image for all ten labels) against a plain
 * forward pass per label, and the published-run caveat of an untrained top layer.
 */
class GoodnessScorerTest {

    @Test
    void sharedFirstLayerGivesTheSameGoodnessAsAPlainPassPerLabel() {
        for (boolean top : new boolean[] {false, true}) {
            FFConfig config = TestData.tiny().hiddenSizes(List.of(40, 30, 20)).topLayerTerm(top).build();
            FFNetwork net = FFNetwork.initialise(config, new SeededRandom(5));
            for (int l = 0; l < 3; l++) for (int j = 0; j < net.biases[l].length; j++) net.biases[l][j] = 0.01f * (j % 7); // non-zero biases
            for (int l = 1; l < 3; l++) for (int k = 0; k < net.readout[l].data.length; k++) net.readout[l].data[k] = (float) Math.sin(k);
            LabeledImages images = TestData.mnist().test().first(7);
            GoodnessScorer scorer = new GoodnessScorer(net, new EjmlBackend(1), 3); // chunks of 3: exercises the chunking
            GoodnessScorer.Scores scores = new GoodnessScorer.Scores(7, 3);
            scorer.score(images.pixels(), 0, 7, scores);

            for (int c = 0; c < 10; c++) {
                int[] labels = new int[7];
                java.util.Arrays.fill(labels, c);
                double[][][] pass = HintonTrainerTest.forward(net, images, labels, 0);
                for (int i = 0; i < 7; i++) {
                    double energy = 0;
                    for (int l = 0; l < 3; l++) {
                        double g = 0;
                        for (double v : pass[2 * l + 1][i]) g += v * v;
                        assertEquals(g, scores.goodness[l][i * 10 + c], 1e-4 * (1 + g), "layer " + (l + 1) + " label " + c);
                        if (l >= 1) energy += g;
                    }
                    if (top) {
                        // The caveat: an untrained random 10-unit layer on H3's normalised output, no bias.
                        double[] n3 = pass[6][i];
                        for (int k = 0; k < 10; k++) {
                            double z = 0;
                            for (int j = 0; j < n3.length; j++) z += n3[j] * net.topLayer.get(j, k);
                            energy += Math.max(0, z) * Math.max(0, z);
                        }
                    }
                    assertEquals(energy, scores.energy[i * 10 + c], 1e-4 * (1 + energy), "energy, label " + c + ", top layer " + top);
                }
            }
            // Softmax logits: neutral pass (0.1 in all label pixels), Σ_{l≥2} n_l S_l.
            double[][][] neutral = HintonTrainerTest.forward(net, images, null, 0.1);
            for (int i = 0; i < 7; i++)
                for (int c = 0; c < 10; c++) {
                    double u = 0;
                    for (int l = 1; l < 3; l++) for (int j = 0; j < net.width(l); j++) u += neutral[2 * l + 2][i][j] * net.readout[l].get(j, c);
                    assertEquals(u, scores.logits[i * 10 + c], 1e-4 * (1 + Math.abs(u)));
                }
        }
    }

    @Test
    void aSingleDigitPredictionIsTheBatchScoreOfThatDigit() {
        FFNetwork net = DefaultModel.load();
        LabeledImages images = TestData.mnist().test().first(20);
        GoodnessScorer.Scores batch = new GoodnessScorer.Scores(20, net.layerCount());
        new GoodnessScorer(net, new EjmlBackend(1), 20).score(images.pixels(), 0, 20, batch);
        try (DigitPredictor p = new DigitPredictor(net)) {
            for (int i = 0; i < 20; i++) {
                Prediction one = p.predict(images.image(i));
                assertEquals(batch.energyPrediction(i), one.energyLabel());
                assertEquals(batch.softmaxPrediction(i), one.softmaxLabel());
                for (int c = 0; c < 10; c++) assertEquals(batch.energy[i * 10 + c], one.energy()[c], 1e-3 * Math.abs(one.energy()[c]));
            }
        }
    }
}
