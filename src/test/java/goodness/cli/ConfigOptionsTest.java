package goodness.cli;

import goodness.ff.FFConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training options build a config from a preset: each option given replaces the preset's
 * value, every other value is the preset's (the way the recorded hinton-plus commands rebuild
 * their runs' configs; scripts/check-recorded-runs.sh checks those records themselves).
 */
class ConfigOptionsTest {
    private static FFConfig parse(String line) {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs(line.split(" +"));
        return options.toConfig();
    }

    @Test
    void aPresetAloneIsThatPreset() {
        assertEquals(FFConfig.named("hinton-plus"), parse("--preset hinton-plus"));
        assertEquals(FFConfig.named("sleep"), parse("--preset sleep"));
        ConfigOptions none = new ConfigOptions();
        new CommandLine(none).parseArgs();
        assertEquals(FFConfig.named("hinton"), none.toConfig(), "hinton is the default");
    }

    @Test
    void eachOptionGivenReplacesThePresetsValueAndNothingElse() {
        FFConfig.Builder expected = FFConfig.named("hinton-plus").toBuilder().shuffle(false).dropout(0.15).rotateDegrees(0).scaleRange(0)
                .epochs(400).evalEvery(20);
        assertEquals(expected.build(), parse("--preset hinton-plus --no-shuffle --dropout 0.15 --rotate 0 --scale 0 --epochs 400 --eval-every 20"));

        FFConfig.Builder more = FFConfig.named("hinton-plus").toBuilder().dropoutScored(true).shiftPixels(2).peerLambda(0).seed(5678).threads(3);
        more.weightCost = 0.001;
        assertEquals(more.build(), parse("--preset hinton-plus --dropout-scored --shift 2 --lambda 0 --weight-cost 0.001 --seed 5678 --threads 3"));
    }

    @Test
    void shuffleIsNegatableBothWays() {
        assertFalse(FFConfig.named("hinton").shuffle());
        assertTrue(parse("--preset hinton --shuffle").shuffle());
        assertTrue(FFConfig.named("hinton-plus").shuffle());
        assertFalse(parse("--preset hinton-plus --no-shuffle").shuffle());
    }
}
