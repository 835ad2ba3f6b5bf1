package goodness.ff.scoring;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The recurrent model's per-image view agrees with the scorer that evaluates and predicts. */
class RecurrentInferenceTest {

    @Test
    void everyIterationIsRecordedAndThePredictionIsTheScorersOwn() {
        FFConfig config = FFConfig.recurrent().toBuilder().hiddenSizes(List.of(12, 9)).build();
        FFNetwork net = FFNetwork.initialise(config, new SeededRandom(5));
        LabeledImages test = TestData.mnist().test();
        int images = 7;
        GoodnessScorer.Scores scores = new GoodnessScorer.Scores(images, 2);
        new GoodnessScorer(net, new EjmlBackend(1), 3).score(test.pixels(), 0, images, scores);   // blocks of 3, 3 and 1 images
        try (RecurrentInference inference = new RecurrentInference(net, new EjmlBackend(1))) {
            for (int i = 0; i < images; i++) {
                RecurrentInference.Result r = inference.infer(Arrays.copyOfRange(test.pixels(), i * 784, (i + 1) * 784));
                assertEquals(10, r.goodness().length);
                assertEquals(9, r.goodness()[0].length, "t = 0..8");
                for (int c = 1; c < 10; c++) assertArrayEquals(r.goodness()[0][0], r.goodness()[c][0], "t = 0 does not see the label");
                assertFalse(Arrays.equals(r.goodness()[0][1], r.goodness()[1][1]), "from t = 1 on the label is seen");
                for (int c = 0; c < 10; c++) {
                    double sum = 0;
                    for (int t = 3; t <= 5; t++) for (int l = 0; l < 2; l++) sum += r.goodness()[c][t][l];
                    assertEquals(sum, r.score()[c], 1e-4 * sum, "the score adds iterations 3..5 of every layer");
                    assertEquals(scores.energy[i * 10 + c], r.score()[c], 1e-5 * sum, "image " + i + " label " + c);
                    double g = 0;
                    for (float v : r.activity()[c][8][1]) g += v * v;
                    assertEquals(r.goodness()[c][8][1], g, 1e-4 * g, "goodness is the sum of the squared states");
                }
                assertEquals(scores.energyPrediction(i), r.label());
            }
        }
    }
}
