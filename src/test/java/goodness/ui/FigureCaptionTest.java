package goodness.ui;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The line under a figure: each run with its preset, dataset and the settings that differ from the preset's. */
class FigureCaptionTest {
    @Test
    void aRunOnItsPresetsDefaultsSaysSo() {
        assertEquals("Run: a (hinton, mnist; preset defaults)", FigureCaption.of(List.of(new FigureCaption.Run("a", FFConfig.hinton()))));
        assertEquals("Run: b (hinton-plus, mnist; preset defaults)", FigureCaption.of(List.of(new FigureCaption.Run("b", FFConfig.hintonPlus()))),
                "a hinton-plus run is compared with hinton-plus, not with plain recipe A");
    }

    @Test
    void changedSettingsAreListedAsTheRunsTableListsThemInTheConfigsOrder() {
        FFConfig c = FFConfig.hinton().toBuilder().seed(7).epochs(20).negatives(NegativeMode.MASK).dataset(Dataset.FASHION).build();
        String caption = FigureCaption.describe("hinton-fashion-s7", c);
        // The config's field order (not alphabetical); the dataset is named before the changes, not among them.
        assertEquals("hinton-fashion-s7 (hinton, fashion-mnist; changed: epochs=20, seed=7, negatives=mask)", caption);
        assertEquals("dataset=fashion, epochs=20, seed=7, negatives=mask", FigureCaption.changedText(goodness.runs.RunStore.changedSettings(c)),
                "the Runs table's Changed column lists the dataset too");
    }

    @Test
    void severalRunsAreNamedInLegendOrderAndARunWithoutSettingsByItsLabelAlone() {
        String caption = FigureCaption.of(List.of(new FigureCaption.Run("live", FFConfig.hinton().toBuilder().epochs(5).build()),
                new FigureCaption.Run(ReferenceRun.LABEL, ReferenceRun.config()), new FigureCaption.Run("old run", null)));
        assertEquals("Runs: live (hinton, mnist; changed: epochs=5); seed 000 (published log) (hinton, mnist; changed: peerLambda=0.0, topLayerTerm=true); old run",
                caption);
        assertEquals("No run", FigureCaption.of(List.of()));
    }
}
