package goodness.ff;

/**
 * The recipes the engine trains (docs/recipes.md, docs/recurrent.md): a recipe fixes the network's
 * conventions and optimiser; everything else lives in {@link FFConfig}. The named presets built
 * on them are {@link NamedPreset}.
 */
public enum Recipe {
    /** Recipe A: Hinton's supervised FF (784-1000-1000-1000, RMS norm, summed goodness, momentum SGD). */
    HINTON,
    /** Recipe B: separated phases (784-500-500-500, L2 norm, mean goodness, Adam, K steps per layer). */
    SLEEP,
    /**
     * The recurrent network with top-down connections of Hinton's FF paper (hidden layers between
     * the image and a clamped label layer, damped synchronous iterations; docs/recurrent.md).
     */
    RECURRENT;

    public static Recipe parse(String s) {
        for (Recipe p : values()) if (p.name().equalsIgnoreCase(s.trim())) return p;
        throw new IllegalArgumentException("unknown preset '" + s + "' (expected hinton, sleep or recurrent)");
    }

    public String id() { return name().toLowerCase(); }
}
