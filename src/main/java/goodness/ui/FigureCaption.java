package goodness.ui;

import goodness.ff.FFConfig;
import goodness.runs.RunStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line under an exported figure: which run(s) it shows and how each differs from its named
 * preset, with the same "changed settings" the Runs table lists ({@link RunStore#changedSettings}),
 * e.g. {@code Runs: hinton-mnist-s7 (hinton, mnist; changed: epochs=20, seed=7); seed 000 (published
 * log) (hinton, mnist; changed: peerLambda=0.0, topLayerTerm=true)}.
 */
public final class FigureCaption {
    /** One run of a figure: its name as the legend shows it, and its settings (null where unknown). */
    public record Run(String label, FFConfig config) {
    }

    private FigureCaption() {
    }

    /** "Run: …" or "Runs: …; …"; "No run" for none. */
    public static String of(List<Run> runs) {
        if (runs.isEmpty()) return "No run";
        List<String> parts = new ArrayList<>();
        for (Run r : runs) parts.add(describe(r.label(), r.config()));
        return (runs.size() == 1 ? "Run: " : "Runs: ") + String.join("; ", parts);
    }

    /** A run's label with its preset, dataset and changed settings in brackets (the label alone if its settings are unknown). */
    public static String describe(String label, FFConfig config) {
        if (config == null) return label;
        return label + " (" + settings(config) + ")";
    }

    /**
     * The preset, dataset and the settings that differ from the preset's: "hinton, mnist; changed:
     * epochs=20" or "…; preset defaults". The dataset is named first, so it is not repeated among the changes.
     */
    public static String settings(FFConfig config) {
        Map<String, String> changed = new LinkedHashMap<>(RunStore.changedSettings(config));
        changed.remove("dataset");
        String head = config.presetName() + ", " + config.dataset().folder() + "; ";
        return head + (changed.isEmpty() ? "preset defaults" : "changed: " + changedText(changed));
    }

    /** Changed settings as the Runs table lists them: "name=value, name=value" in the config's order. */
    public static String changedText(Map<String, String> changed) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : changed.entrySet()) {
            if (b.length() > 0) b.append(", ");
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }
}
