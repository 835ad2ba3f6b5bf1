package goodness.ui.config;

import goodness.ff.FFConfig;
import goodness.ff.NamedPreset;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.service.LiveSettings;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The run form without a window: validation, presets, live settings and the Preset box's help. */
class ConfigViewModelTest {
    private final List<String> sent = new ArrayList<>();
    private final SimpleBooleanProperty active = new SimpleBooleanProperty(false);
    private final ConfigViewModel form = new ConfigViewModel(FFConfig.hinton(), active, new ConfigViewModel.LiveControls() {
        @Override public void setNegativeMode(NegativeMode mode) { sent.add("negatives " + mode); }
        @Override public void setPhases(PhaseSchedule phases) { sent.add("phases " + phases); }
        @Override public void setRateScale(double scale) { sent.add("gain " + scale); }
        @Override public void setThreads(int threads) { sent.add("threads " + threads); }
    });

    @Test
    void theNegativesOfferedAreWhatThePresetsRecipeAccepts() {
        assertEquals(java.util.List.of(NegativeMode.HARD, NegativeMode.RANDOM), ConfigViewModel.negativeChoices(goodness.ff.NamedPreset.HINTON_RECURRENT));
        assertEquals(java.util.List.of(NegativeMode.values()), ConfigViewModel.negativeChoices(goodness.ff.NamedPreset.HINTON));
        // every offered mode builds: none of them is refused by the recipe's validator
        for (goodness.ff.NamedPreset p : goodness.ff.NamedPreset.values())
            for (NegativeMode m : ConfigViewModel.negativeChoices(p))
                if (p != goodness.ff.NamedPreset.HINTON_UNSUPERVISED)
                    assertDoesNotThrow(() -> FFConfig.named(p.id()).toBuilder().negatives(m).build(), p.id() + " with " + m);
    }

    @Test
    void theHintonPlusHelpQuotesTheConfigsOwnValues() {
        FFConfig plus = FFConfig.hintonPlus();
        String help = ConfigViewModel.presetHelp();
        assertTrue(help.contains("dropout " + ConfigEditor.num(plus.dropout())), help);
        assertTrue(help.contains("±" + plus.shiftPixels() + "-pixel shifts"), help);
        assertTrue(help.contains("±" + ConfigEditor.num(plus.rotateDegrees()) + "° rotations"), help);
        assertTrue(help.contains(plus.epochs() + " epochs"), help);

        String other = ConfigViewModel.presetHelp(plus.toBuilder().dropout(0.25).rotateDegrees(0).scaleRange(0.15).shuffle(false).epochs(300).build());
        assertTrue(other.contains("dropout 0.25"), other);
        assertTrue(other.contains("±15 % scaling"), other);
        assertTrue(other.contains("300 epochs"), other);
        assertFalse(other.contains("rotations") || other.contains("reshuffling"), other);
    }

    @Test
    void theConfigTabsRegularisationHelpQuotesHintonPlus() {
        ConfigEditor e = new ConfigEditor();
        e.load(FFConfig.hintonPlus());
        for (String name : List.of("shiftPixels", "dropout", "rotateDegrees", "scaleRange")) {
            ConfigEditor.Field f = e.field(name);
            assertTrue(f.help().contains("hinton-plus: " + f.textProperty().get() + ")"), name + ": " + f.help());
        }
    }

    @Test
    void anInvalidFieldIsNamedAndAValidFormBuilds() {
        assertTrue(form.validProperty().get());
        form.seedProperty().set("x");
        assertFalse(form.validProperty().get());
        assertEquals("seed", form.problemFieldProperty().get());
        assertNull(form.build());
        form.seedProperty().set("7");
        form.editor().field("dropout").textProperty().set("2");
        assertEquals("dropout", form.problemFieldProperty().get());
        assertFalse(form.editor().field("dropout").errorProperty().get().isEmpty(), "marked at the field");
        form.editor().field("dropout").textProperty().set("0");
        assertEquals(7, form.build().seed());
        assertEquals("", form.problemProperty().get());
    }

    @Test
    void theRecurrentPresetBuildsTheCliPresetsConfig() {
        form.presetProperty().set(NamedPreset.HINTON_RECURRENT);
        FFConfig built = form.build();
        assertNotNull(built, form.problemProperty().get());
        assertEquals(FFConfig.recurrent(), built.toBuilder().trainLimit(FFConfig.recurrent().trainLimit()).backend(FFConfig.recurrent().backend())
                .threads(FFConfig.recurrent().threads()).build());
        form.editor().field("recurrentSettings.iterations").textProperty().set("2");
        assertEquals("recurrentSettings.scoreFrom", form.problemFieldProperty().get(), "3..5 scored of 2 iterations: " + form.problemProperty().get());
        form.editor().field("recurrentSettings.scoreFrom").textProperty().set("1");
        form.editor().field("recurrentSettings.scoreTo").textProperty().set("2");
        assertEquals(new goodness.ff.RecurrentSettings(2, 0.3, 1, 2), form.build().recurrentSettings());
    }

    @Test
    void aPresetFillsTheFormOnlyWhileNoRunIsActive() {
        form.presetProperty().set(NamedPreset.HINTON_PLUS);
        assertEquals(FFConfig.hintonPlus().epochs(), form.epochsProperty().get());
        assertTrue(form.editor().shows(FFConfig.hintonPlus()));
        active.set(true);
        form.presetProperty().set(NamedPreset.HINTON);
        assertEquals(FFConfig.hintonPlus().epochs(), form.epochsProperty().get(), "a running run keeps the form");
    }

    @Test
    void liveSettingsGoToTheServiceButTheServicesOwnDoNotGoBack() {
        form.negativesProperty().set(NegativeMode.MASK);
        form.rateScaleProperty().set(0.5);
        assertEquals(List.of("negatives MASK", "gain 0.5"), sent);
        sent.clear();
        form.showLiveSettings(new LiveSettings(NegativeMode.HARD, PhaseSchedule.parse("10:10"), 2.0, 1));
        assertEquals(NegativeMode.HARD, form.negativesProperty().get());
        assertEquals("10:10", form.phasesProperty().get());
        assertEquals(List.of(), sent, "shown, not sent back");
    }
}
