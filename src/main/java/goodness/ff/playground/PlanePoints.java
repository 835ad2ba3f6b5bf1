package goodness.ff.playground;

import goodness.ff.SeededRandom;

import java.util.Arrays;

/**
 * A set of labelled points in the plane, which the user may edit (add a point, remove the
 * nearest). Not thread-safe: owned by the thread that trains; {@link #copy()} hands a snapshot on.
 */
public final class PlanePoints {
    /** The largest set: 10,000 points. */
    public static final int MAX_POINTS = 10_000;

    private final int classes;
    private float[] x, y;
    private int[] label;
    private int size;
    private int version;

    public PlanePoints(int classes, int capacity) {
        if (classes < 2) throw new IllegalArgumentException("a point set needs at least 2 classes, got " + classes);
        this.classes = classes;
        int cap = Math.max(4, Math.min(capacity, MAX_POINTS));
        x = new float[cap];
        y = new float[cap];
        label = new int[cap];
    }

    public int classes() {
        return classes;
    }

    public int size() {
        return size;
    }

    /** Bumped by every edit, so a reader knows its view is stale. */
    public int version() {
        return version;
    }

    public float x(int i) {
        return x[i];
    }

    public float y(int i) {
        return y[i];
    }

    public int label(int i) {
        return label[i];
    }

    /** Adds a point of class {@code c}; false (nothing added) when the set is full. */
    public boolean add(float px, float py, int c) {
        if (c < 0 || c >= classes) throw new IllegalArgumentException("class " + c + " is not one of the " + classes + " classes");
        if (!Float.isFinite(px) || !Float.isFinite(py)) throw new IllegalArgumentException("a point needs finite coordinates");
        if (size == MAX_POINTS) return false;
        if (size == x.length) {
            int cap = Math.min(MAX_POINTS, x.length * 2);
            x = Arrays.copyOf(x, cap);
            y = Arrays.copyOf(y, cap);
            label = Arrays.copyOf(label, cap);
        }
        x[size] = px;
        y[size] = py;
        label[size] = c;
        size++;
        version++;
        return true;
    }

    /** The index of the point nearest to (px, py), or -1 for an empty set. */
    public int nearest(float px, float py) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            double dx = x[i] - px, dy = y[i] - py, d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** Removes point i (the last point takes its place). */
    public void remove(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("no point " + i + " in a set of " + size);
        size--;
        x[i] = x[size];
        y[i] = y[size];
        label[i] = label[size];
        version++;
    }

    /** The number of points of class c. */
    public int count(int c) {
        int n = 0;
        for (int i = 0; i < size; i++) if (label[i] == c) n++;
        return n;
    }

    /** An independent copy. */
    public PlanePoints copy() {
        PlanePoints p = new PlanePoints(classes, Math.max(4, size));
        System.arraycopy(x, 0, p.x, 0, size);
        System.arraycopy(y, 0, p.y, 0, size);
        System.arraycopy(label, 0, p.label, 0, size);
        p.size = size;
        p.version = version;
        return p;
    }

    // ------------------------------------------------------------------------------------------
    // The data sets.

    /**
     * {@code n} points of {@code shape} with {@code classes} classes (as even as n allows), Gaussian
     * noise of standard deviation {@code noise} on each coordinate, drawn from {@code seed}.
     * Every shape fits in about [-1, 1]² before the noise.
     */
    public static PlanePoints generate(PlaneShape shape, int classes, int n, double noise, long seed) {
        if (classes < shape.minClasses() || classes > shape.maxClasses())
            throw new IllegalArgumentException(shape + " has " + (shape.minClasses() == shape.maxClasses() ? shape.minClasses()
                    : shape.minClasses() + " to " + shape.maxClasses()) + " classes, not " + classes);
        SeededRandom rng = new SeededRandom(seed);
        PlanePoints p = new PlanePoints(classes, n);
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            double[] xy = shape(shape, c, classes, rng);
            p.add((float) (xy[0] + noise * rng.nextGaussian()), (float) (xy[1] + noise * rng.nextGaussian()), c);
        }
        return p;
    }

    /** One noiseless point of class c. */
    private static double[] shape(PlaneShape shape, int c, int classes, SeededRandom rng) {
        double t = rng.nextDouble();
        switch (shape) {
            case MOONS -> {
                // Two half circles of radius 1, the second shifted by (1, 0.5) and turned over;
                // centred and scaled by 0.6 into about [-0.9, 0.9] × [-0.45, 0.45].
                double a = Math.PI * t;
                double px = c == 0 ? Math.cos(a) : 1 - Math.cos(a), py = c == 0 ? Math.sin(a) : 0.5 - Math.sin(a);
                return new double[] {0.6 * (px - 0.5), 0.6 * (py - 0.25)};
            }
            case CIRCLES -> {
                double a = 2 * Math.PI * t, r = c == 0 ? 0.4 : 0.9;
                return new double[] {r * Math.cos(a), r * Math.sin(a)};
            }
            case XOR -> {
                // Uniform in a quadrant, kept 0.05 away from the axes; classes 0: x·y > 0.
                double px = 0.05 + 0.95 * t, py = 0.05 + 0.95 * rng.nextDouble();
                boolean flipX = rng.nextBit();
                boolean sameSign = c == 0;
                double sx = flipX ? -1 : 1, sy = sameSign ? sx : -sx;
                return new double[] {sx * px, sy * py};
            }
            case SPIRALS -> {
                // Arm c: radius t, angle 1.75 turns · t plus the arm's offset.
                double r = 0.05 + 0.95 * t, a = 1.75 * 2 * Math.PI * t + 2 * Math.PI * c / classes;
                return new double[] {r * Math.cos(a), r * Math.sin(a)};
            }
            case BLOBS -> {
                // Centres on a circle of radius 0.6; spread 0.15 (plus the noise).
                double a = 2 * Math.PI * c / classes + Math.PI / 2;
                return new double[] {0.6 * Math.cos(a) + 0.15 * rng.nextGaussian(), 0.6 * Math.sin(a) + 0.15 * rng.nextGaussian()};
            }
            default -> throw new AssertionError(shape);
        }
    }
}
