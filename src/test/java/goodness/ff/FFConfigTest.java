package goodness.ff;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FFConfigTest {

    @Test
    void hintonDefaultsAreRecipeA() {
        FFConfig c = FFConfig.hinton();
        assertEquals(List.of(1000, 1000, 1000), c.hiddenSizes());
        assertEquals(125, c.epochs());
        assertEquals(100, c.batchSize());
        assertEquals(0.002, c.weightCost());
        assertEquals(0.03, c.peerLambda());
        assertEquals(NegativeMode.HARD, c.negatives());
        assertFalse(c.shuffle());
    }

    @Test
    void invalidValuesAreRejectedNamingTheFieldAndTheReason() {
        assertRejected(b -> b.epochs = 0, "epochs");
        assertRejected(b -> b.batchSize = -5, "batchSize");
        assertRejected(b -> b.learningRate = Double.NaN, "learningRate");
        assertRejected(b -> b.momentum = 1.0, "momentum");
        assertRejected(b -> b.hiddenSizes = List.of(), "hiddenSizes");
        assertRejected(b -> b.hiddenSizes = List.of(1000), "hiddenSizes");
        assertRejected(b -> b.backend = "cuda", "backend");
        assertRejected(b -> b.threads = 0, "threads");
        assertRejected(b -> b.trainLimit = 50, "trainLimit");
        assertRejected(b -> b.temperature = 0, "temperature");
        assertRejected(b -> b.stepsPerBatch = 5, "stepsPerBatch");
    }

    private static void assertRejected(java.util.function.Consumer<FFConfig.Builder> change, String field) {
        FFConfig.Builder b = FFConfig.hinton().toBuilder();
        change.accept(b);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, b::build);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith("invalid " + field + ": "), e.getMessage());
    }

    @Test
    void phaseSchedulesParseAndAlternate() {
        assertFalse(PhaseSchedule.parse("none").separated());
        PhaseSchedule s = PhaseSchedule.parse("2:1");
        Phase[] expected = {Phase.POSITIVE, Phase.POSITIVE, Phase.NEGATIVE, Phase.POSITIVE, Phase.POSITIVE, Phase.NEGATIVE};
        for (int k = 0; k < expected.length; k++) assertEquals(expected[k], s.phaseOf(k));
        assertEquals(0.25, PhaseSchedule.parse("4:1:scaled").positiveRateScale());
        assertThrows(IllegalArgumentException.class, () -> PhaseSchedule.parse("2:x"));
        assertThrows(IllegalArgumentException.class, () -> new PhaseSchedule(2, 0, false));
    }
}
