package goodness.ff.playground;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracies docs/playground.md states for the default network, as targets: the lowest of
 * five seeds measured with {@code goodness playground}, rounded down. Each case trains what the
 * tab trains, on the default settings with only the data set, seed and batches changed.
 */
class PlaygroundTargetsTest {

    @ParameterizedTest(name = "{0}, seed {1}: {2} batches reach {3} training and {4} held-out accuracy")
    @CsvSource({
            "moons,   1, 300,  0.98, 0.98",
            "moons,   4, 300,  0.98, 0.98",
            "circles, 2, 300,  0.99, 0.99",
            "xor,     3, 300,  0.95, 0.94",
            "blobs,   5, 300,  0.99, 0.99",
            "spirals, 1, 1500, 0.75, 0.68",
    })
    void theDefaultNetworkReachesItsStatedAccuracy(String data, long seed, int batches, double train, double heldOut) {
        PlaygroundSettings s = PlaygroundSettings.defaults().withShape(PlaneShape.byKey(data)).withSeed(seed);
        PlaygroundTrainer t = new PlaygroundTrainer(s);
        for (int i = 0; i < batches; i++) t.trainBatch();
        double a = t.accuracy(), h = t.network().accuracy(PlaygroundTrainer.heldOut(s, 1000), s);
        assertTrue(a >= train, data + " training accuracy " + a + " < " + train);
        assertTrue(h >= heldOut, data + " held-out accuracy " + h + " < " + heldOut);
    }
}
