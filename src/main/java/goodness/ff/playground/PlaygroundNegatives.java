package goodness.ff.playground;

import java.util.Locale;

/** Where a batch's negative cases come from. */
public enum PlaygroundNegatives {
    /** The same point with a wrong class drawn uniformly (recipe A's "random"). */
    RANDOM,
    /** The same point with a wrong class drawn from the network's own scores: the more goodness a wrong class gets, the likelier. */
    HARD,
    /** Unsupervised: a point drawn uniformly over the plane, with the positive case's class. */
    UNIFORM,
    /** Unsupervised: a random mix of the point and another data point, with the point's class. */
    MIX;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PlaygroundNegatives byKey(String key) {
        for (PlaygroundNegatives n : values()) if (n.key().equals(key)) return n;
        return null;
    }

    /** True for the modes that keep the point and change its class. */
    public boolean wrongLabel() {
        return this == RANDOM || this == HARD;
    }

    @Override
    public String toString() {
        return key();
    }
}
