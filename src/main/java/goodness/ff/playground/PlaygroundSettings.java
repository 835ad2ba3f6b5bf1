package goodness.ff.playground;

import goodness.ff.InvalidConfigException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every setting of the playground and its seed, validated on construction; {@link #toString()}
 * writes them as one short string ({@code data=moons;classes=2;...;seed=1}) that {@link #parse}
 * reads back to an equal record. A bad string is refused with one {@link InvalidConfigException}
 * naming the key. Points the user added or removed by hand are data, not settings: the string
 * describes the generated set.
 *
 * @param shape      the data set
 * @param classes    its number of classes (spirals 2-3, blobs 3-5, the others 2)
 * @param points     the number of training points, 4 to 10,000
 * @param noise      the standard deviation of the Gaussian noise on each coordinate, 0 to 1
 * @param layers     the hidden ReLU layers' widths, 1 to 4 layers of 2 to 64 units
 * @param rate       the learning rate ε of recipe A's momentum SGD
 * @param momentum   the momentum μ, 0 ≤ μ < 1
 * @param weightCost the weight cost, 0 to 0.1
 * @param theta      the threshold per unit: a layer of width w is "positive" above θ·w
 * @param temperature the temperature T of p = logistic((G − θ·w) / T)
 * @param negatives  where negatives come from
 * @param batch      cases per batch, 1 to 1,000 (a batch never has more cases than the set has points)
 * @param peer       recipe A's peer normalisation on or off
 * @param skipFirst  true: predictions add the goodness of every layer but the first (recipe A with 3 layers); false: of all layers
 * @param seed       the seed of the data, the initial weights and the training's draws
 */
public record PlaygroundSettings(PlaneShape shape, int classes, int points, double noise, List<Integer> layers,
                                 double rate, double momentum, double weightCost, double theta, double temperature,
                                 PlaygroundNegatives negatives, int batch, boolean peer, boolean skipFirst, long seed) {

    public static final int MAX_LAYERS = 4, MIN_WIDTH = 2, MAX_WIDTH = 64, MAX_BATCH = 1000;

    /** The defaults: two moons with noise 0.05, three layers of 32, the tuned learning rate (docs/playground.md). */
    public static PlaygroundSettings defaults() {
        return new PlaygroundSettings(PlaneShape.MOONS, 2, 200, 0.05, List.of(32, 32, 32), 0.1, 0.9, 0.001, 1.0, 1.0,
                PlaygroundNegatives.RANDOM, 20, false, false, 1);
    }

    public PlaygroundSettings {
        if (shape == null) throw new InvalidConfigException("data", "missing");
        if (negatives == null) throw new InvalidConfigException("neg", "missing");
        if (classes < shape.minClasses() || classes > shape.maxClasses())
            throw new InvalidConfigException("classes", shape + " has " + (shape.minClasses() == shape.maxClasses()
                    ? String.valueOf(shape.minClasses()) : shape.minClasses() + " to " + shape.maxClasses()) + " classes, not " + classes);
        if (points < 4 || points > PlanePoints.MAX_POINTS) throw new InvalidConfigException("points", "must be 4 to " + PlanePoints.MAX_POINTS + ", got " + points);
        check("noise", noise, 0, 1);
        if (layers == null || layers.isEmpty() || layers.size() > MAX_LAYERS)
            throw new InvalidConfigException("layers", "give 1 to " + MAX_LAYERS + " widths, e.g. 16,16");
        layers = List.copyOf(layers);
        for (int w : layers) if (w < MIN_WIDTH || w > MAX_WIDTH)
            throw new InvalidConfigException("layers", "each width must be " + MIN_WIDTH + " to " + MAX_WIDTH + ", got " + w);
        check("lr", rate, 0, 10);
        if (!(momentum >= 0 && momentum < 1)) throw new InvalidConfigException("momentum", "must be at least 0 and below 1, got " + momentum);
        check("wc", weightCost, 0, 0.1);
        check("theta", theta, 0, 100);
        if (!(temperature > 0 && temperature <= 100)) throw new InvalidConfigException("temp", "must be above 0 and at most 100, got " + temperature);
        if (batch < 1 || batch > MAX_BATCH) throw new InvalidConfigException("batch", "must be 1 to " + MAX_BATCH + ", got " + batch);
        if (skipFirst && layers.size() < 2) throw new InvalidConfigException("score", "'upper' needs at least 2 layers (it leaves out layer 1)");
    }

    private static void check(String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw new InvalidConfigException(key, "must be " + plain(lo) + " to " + plain(hi) + ", got " + v);
    }

    /** The layers whose goodness the prediction adds: all, or all but the first. */
    public boolean scored(int layer) {
        return !(skipFirst && layer == 0);
    }

    /** The input width: x, y and the one-hot class. */
    public int inputWidth() {
        return 2 + classes;
    }

    /** A copy with another data set, its default class count kept when it fits. */
    public PlaygroundSettings withShape(PlaneShape s) {
        int c = classes >= s.minClasses() && classes <= s.maxClasses() ? classes : s.defaultClasses();
        return new PlaygroundSettings(s, c, points, noise, layers, rate, momentum, weightCost, theta, temperature, negatives, batch, peer, skipFirst, seed);
    }

    public PlaygroundSettings withSeed(long s) {
        return new PlaygroundSettings(shape, classes, points, noise, layers, rate, momentum, weightCost, theta, temperature, negatives, batch, peer, skipFirst, s);
    }

    /** The same settings with one key set from its text, validated as {@link #parse} would. */
    public PlaygroundSettings with(String key, String value) {
        Map<String, String> m = toMap();
        if (!m.containsKey(key)) throw new InvalidConfigException(key, "unknown key (known: " + String.join(", ", KEYS) + ")");
        m.put(key, value);
        return fromMap(m);
    }

    // ------------------------------------------------------------------------------------------
    // The string.

    /** The keys, in the order the string writes them. */
    public static final List<String> KEYS = List.of("data", "classes", "points", "noise", "layers", "lr", "momentum", "wc", "theta", "temp",
            "neg", "batch", "peer", "score", "seed");

    @Override
    public String toString() {
        return toMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", shape.key());
        m.put("classes", String.valueOf(classes));
        m.put("points", String.valueOf(points));
        m.put("noise", plain(noise));
        m.put("layers", layers.stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.put("lr", plain(rate));
        m.put("momentum", plain(momentum));
        m.put("wc", plain(weightCost));
        m.put("theta", plain(theta));
        m.put("temp", plain(temperature));
        m.put("neg", negatives.key());
        m.put("batch", String.valueOf(batch));
        m.put("peer", peer ? "on" : "off");
        m.put("score", skipFirst ? "upper" : "all");
        m.put("seed", String.valueOf(seed));
        return m;
    }

    /** The shortest decimal that reads back to exactly this double. */
    static String plain(double v) {
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * Reads a settings string: {@code key=value} pairs separated by {@code ;} (spaces around them
     * ignored); a key left out keeps its default, a key given twice, an unknown key or a bad value
     * is refused naming the key.
     */
    public static PlaygroundSettings parse(String text) {
        if (text == null || text.isBlank()) throw new InvalidConfigException("settings", "the string is empty (expected key=value;key=value...)");
        if (text.length() > 2000) throw new InvalidConfigException("settings", "the string is too long (" + text.length() + " characters)");
        Map<String, String> m = defaults().toMap();
        List<String> seen = new ArrayList<>();
        for (String part : text.trim().split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) throw new InvalidConfigException("settings", "'" + part.trim() + "' is not key=value");
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT), value = part.substring(eq + 1).trim();
            if (!m.containsKey(key)) throw new InvalidConfigException(key, "unknown key (known: " + String.join(", ", KEYS) + ")");
            if (seen.contains(key)) throw new InvalidConfigException(key, "given twice");
            seen.add(key);
            m.put(key, value);
        }
        // Classes follow the data set unless the string names them.
        if (!seen.contains("classes")) {
            PlaneShape s = PlaneShape.byKey(m.get("data"));
            if (s != null) m.put("classes", String.valueOf(s.defaultClasses()));
        }
        return fromMap(m);
    }

    private static PlaygroundSettings fromMap(Map<String, String> m) {
        PlaneShape shape = PlaneShape.byKey(m.get("data").toLowerCase(Locale.ROOT));
        if (shape == null) throw new InvalidConfigException("data", "'" + m.get("data") + "' is not one of " + Arrays.toString(PlaneShape.values()));
        PlaygroundNegatives neg = PlaygroundNegatives.byKey(m.get("neg").toLowerCase(Locale.ROOT));
        if (neg == null) throw new InvalidConfigException("neg", "'" + m.get("neg") + "' is not one of " + Arrays.toString(PlaygroundNegatives.values()));
        List<Integer> layers = new ArrayList<>();
        for (String w : m.get("layers").split(",", -1)) layers.add(integer("layers", w));
        return new PlaygroundSettings(shape, integer("classes", m.get("classes")), integer("points", m.get("points")), number("noise", m.get("noise")),
                layers, number("lr", m.get("lr")), number("momentum", m.get("momentum")), number("wc", m.get("wc")),
                number("theta", m.get("theta")), number("temp", m.get("temp")), neg, integer("batch", m.get("batch")),
                onOff("peer", m.get("peer")), score(m.get("score")), longValue("seed", m.get("seed")));
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, "'" + v + "' is not a whole number");
        }
    }

    private static long longValue(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, "'" + v + "' is not a whole number");
        }
    }

    private static double number(String key, String v) {
        try {
            // Plain decimals only: Java would also read "1d", "0x1p3", "NaN" and "Infinity".
            if (!v.trim().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) throw new NumberFormatException();
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, "'" + v + "' is not a number");
        }
    }

    private static boolean onOff(String key, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new InvalidConfigException(key, "'" + v + "' is not on or off");
        };
    }

    private static boolean score(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> false;
            case "upper" -> true;
            default -> throw new InvalidConfigException("score", "'" + v + "' is not all or upper");
        };
    }
}
