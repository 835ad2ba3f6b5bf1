package goodness.ff.playground;

import java.util.Locale;

/** The playground's data sets: points in the plane, in about [-1, 1]², with their class count. */
public enum PlaneShape {
    /** Two interleaved half circles; 2 classes. */
    MOONS(2, 2),
    /** A disc inside a ring; 2 classes. */
    CIRCLES(2, 2),
    /** The four quadrants, opposite ones alike; 2 classes. */
    XOR(2, 2),
    /** Interleaved spiral arms, one class per arm; 2 or 3 classes. */
    SPIRALS(2, 3),
    /** Gaussian blobs on a circle, one class each; 3 to 5 classes. */
    BLOBS(3, 5);

    private final int minClasses, maxClasses;

    PlaneShape(int minClasses, int maxClasses) {
        this.minClasses = minClasses;
        this.maxClasses = maxClasses;
    }

    public int minClasses() {
        return minClasses;
    }

    public int maxClasses() {
        return maxClasses;
    }

    /** The class count a shape starts with (its smallest). */
    public int defaultClasses() {
        return minClasses;
    }

    /** The name the CLI and the settings string use. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The shape with this {@link #key()}, or null. */
    public static PlaneShape byKey(String key) {
        for (PlaneShape s : values()) if (s.key().equals(key)) return s;
        return null;
    }

    @Override
    public String toString() {
        return key();
    }
}
