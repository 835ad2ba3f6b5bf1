package goodness.ff;

import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Objects;

/**
 * The named configurations a user picks by name — {@code train --preset NAME} and the app's
 * Preset box alike — each a complete {@link FFConfig} from one factory, so that the CLI and the
 * app mean the same thing by a name. A name is not a recipe: hinton and hinton-plus are both
 * recipe A ({@link Recipe#HINTON}); hinton-plus adds reshuffling, input shifts, rotations and
 * scaling, dropout and 200 epochs.
 */
public enum NamedPreset {
    HINTON("hinton", Recipe.HINTON, "hinton (recipe A)"),
    HINTON_PLUS("hinton-plus", Recipe.HINTON, "hinton-plus (recipe A+)"),
    HINTON_UNSUPERVISED("hinton-unsupervised", Recipe.HINTON, "hinton-unsupervised (no labels, hybrid negatives)"),
    SLEEP("sleep", Recipe.SLEEP, "sleep (recipe B)"),
    HINTON_RECURRENT("hinton-recurrent", Recipe.RECURRENT, "hinton-recurrent (recurrent FF)");

    private final String id;
    private final Recipe recipe;
    private final String label;

    NamedPreset(String id, Recipe recipe, String label) {
        this.id = id;
        this.recipe = recipe;
        this.label = label;
    }

    /** The name as the CLI and the run files write it: "hinton", "hinton-plus", "sleep". */
    public String id() {
        return id;
    }

    /** The recipe (network conventions and optimiser) this configuration trains with. */
    public Recipe recipe() {
        return recipe;
    }

    /** The full configuration this name stands for (made once: a config is immutable, and a store listing asks for one per run). */
    public FFConfig config() {
        return Configs.BY_PRESET.get(this);
    }

    /** Made on first use, once every preset exists. */
    private static final class Configs {
        static final java.util.Map<NamedPreset, FFConfig> BY_PRESET = new java.util.EnumMap<>(NamedPreset.class);

        static {
            BY_PRESET.put(HINTON, FFConfig.hinton());
            BY_PRESET.put(HINTON_PLUS, FFConfig.hintonPlus());
            BY_PRESET.put(HINTON_UNSUPERVISED, FFConfig.hintonUnsupervised());
            BY_PRESET.put(SLEEP, FFConfig.sleep());
            BY_PRESET.put(HINTON_RECURRENT, FFConfig.recurrent());
        }
    }

    /**
     * What the name stood for when configs began to carry it ({@link FFConfig#presetName()}): a
     * config written without a name predates that, so it is compared with these values. Only
     * hinton-plus has changed since: it first stood for the published port's values (±1-pixel
     * shifts, dropout 0.15, no reshuffling, rotation or scaling).
     */
    FFConfig configBeforeNames() {
        if (this != HINTON_PLUS) return config();
        return FFConfig.hinton().toBuilder().presetName(id).epochs(200).shiftPixels(1).dropout(0.15).build();
    }

    /** The name and, in brackets, what it is: what the app's Preset box shows. */
    @Override
    public String toString() {
        return label;
    }

    /** The named preset {@code name} (case-insensitive), or null if there is none. */
    public static NamedPreset find(String name) {
        if (name == null) return null;
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (NamedPreset p : values()) if (p.id.equals(n)) return p;
        return null;
    }

    /** The named preset {@code name}; an {@link InvalidConfigException} listing the names if there is none. */
    public static NamedPreset parse(String name) {
        NamedPreset p = find(name);
        if (p == null) throw new InvalidConfigException("preset", "unknown preset '" + name + "' (expected " + names() + ")");
        return p;
    }

    /** The names, comma-separated, for messages: "hinton, hinton-plus, …". */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (NamedPreset p : values()) b.append(b.length() == 0 ? "" : ", ").append(p.id);
        return b.toString();
    }

    /** The named preset a config was made from ({@link FFConfig#presetName()}). */
    public static NamedPreset of(FFConfig c) {
        return parse(c.presetName());
    }

    /**
     * For a config written before configs carried their preset's name: the named preset of its
     * recipe that it matches in the most settings (fewest differing fields; a tie goes to the
     * plain recipe, declared first), each preset taken as it was defined then
     * ({@link #configBeforeNames()}). A 200-epoch run with shifts and dropout reads as
     * hinton-plus, a recipe-A run with one changed option as hinton.
     */
    public static NamedPreset closestTo(FFConfig c) {
        NamedPreset best = null;
        int bestDiffs = Integer.MAX_VALUE;
        for (NamedPreset p : values()) {
            if (p.recipe != c.recipe()) continue;
            int d = differingFields(c, p.configBeforeNames());
            if (d < bestDiffs) {
                best = p;
                bestDiffs = d;
            }
        }
        return best;
    }

    private static int differingFields(FFConfig a, FFConfig b) {
        int n = 0;
        try {
            for (RecordComponent rc : FFConfig.class.getRecordComponents()) {
                if (rc.getName().equals("presetName")) continue;
                if (!Objects.equals(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b))) n++;
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("FFConfig's accessors are public", e);
        }
        return n;
    }
}
