package goodness.ff;

/** How negative data is made for a batch; may change between batches. */
public enum NegativeMode {
    /** Same image, a wrong label sampled from the model's own beliefs (recipe A step 3). */
    HARD,
    /** Same image, a wrong label drawn uniformly from the nine wrong classes. */
    RANDOM,
    /** Hybrid of two random training images under a blurred random mask, with a random label. */
    MASK;

    public static NegativeMode parse(String s) {
        for (NegativeMode m : values()) if (m.name().equalsIgnoreCase(s.trim())) return m;
        throw new IllegalArgumentException("unknown negative mode '" + s + "' (expected hard, random or mask)");
    }

    public String id() { return name().toLowerCase(); }
}
