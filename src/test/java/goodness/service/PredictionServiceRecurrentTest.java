package goodness.service;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The Draw tab's prediction of a recurrent model carries how it settled, iteration by iteration. */
class PredictionServiceRecurrentTest {

    private static PredictionService.Result predict(FFNetwork net, float[] pixels) throws Exception {
        try (PredictionService service = new PredictionService()) {
            service.setModel(net, "tiny");
            CompletableFuture<PredictionService.Result> result = new CompletableFuture<>();
            service.submitPreprocessed(pixels, result::complete);
            return result.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRecurrentModelsPredictionCarriesTheGoodnessOfEveryLabelAtEveryIteration() throws Exception {
        FFConfig config = FFConfig.recurrent().toBuilder().hiddenSizes(List.of(20, 20))
                .recurrentSettings(new goodness.ff.RecurrentSettings(6, 0.3, 2, 4)).build();
        FFNetwork net = FFNetwork.initialise(config, new SeededRandom(3));
        LabeledImages test = TestData.mnist().test();
        PredictionService.Result r = predict(net, Arrays.copyOf(test.pixels(), 784));

        PredictionService.Settling s = r.settling();
        assertNotNull(s, "a recurrent model's result has its settling");
        assertEquals(6, s.iterations());
        assertEquals(2, s.scoreFrom());
        assertEquals(4, s.scoreTo());
        float[][][] g = s.run().goodness();
        assertEquals(10, g.length);
        assertEquals(7, g[0].length, "iterations 0..6");
        assertEquals(2, g[0][0].length, "one value per layer");
        for (int c = 0; c < 10; c++) {
            double scored = 0;
            for (int t = 2; t <= 4; t++) scored += g[c][t][0] + g[c][t][1];
            assertEquals(scored, r.prediction().energy()[c], 1e-4 * scored, "the bars are the score over the scored iterations, label " + c);
        }
        assertEquals(r.prediction().label(), s.run().label(), "the settling and the bars agree on the winner");
    }

    @Test
    void otherRecipesHaveNoSettling() throws Exception {
        FFNetwork net = FFNetwork.initialise(FFConfig.hinton().toBuilder().hiddenSizes(List.of(20, 20)).build(), new SeededRandom(3));
        PredictionService.Result r = predict(net, Arrays.copyOf(TestData.mnist().test().pixels(), 784));
        assertNotNull(r.prediction());
        assertNull(r.settling());
    }
}
