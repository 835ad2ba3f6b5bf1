package goodness.data;

import java.util.List;
import java.util.Locale;

/**
 * The two bundled data sets: where their files live under the data root, what their ten
 * classes are called, and their pixel statistics.
 *
 * <p>{@link #mean()} and {@link #std()} are the mean and standard deviation of all training
 * pixels on the {@code [0,1]} scale (the values usually quoted for these data sets). They are
 * kept here so that every recipe that standardises inputs uses the same numbers; the loader
 * itself never applies them, because {@link LabeledImages} always holds plain
 * {@code pixel / 255} values.
 */
public enum Dataset {

    /** Handwritten digits 0-9 (LeCun, Cortes, Burges). */
    MNIST("mnist", 0.1307f, 0.3081f,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),

    /** Zalando's clothing images; same format and size as MNIST, a harder task. */
    FASHION("fashion-mnist", 0.2858f, 0.3530f,
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"));

    private final String folder;
    private final float mean;
    private final float std;
    private final List<String> classNames;

    Dataset(String folder, float mean, float std, List<String> classNames) {
        this.folder = folder;
        this.mean = mean;
        this.std = std;
        this.classNames = classNames;
    }

    /** Name of the folder under the data root that holds the four IDX files. */
    public String folder() {
        return folder;
    }

    /** Mean training pixel value on the [0,1] scale. */
    public float mean() {
        return mean;
    }

    /** Standard deviation of training pixel values on the [0,1] scale. */
    public float std() {
        return std;
    }

    /** The ten class names, indexed by label (unmodifiable). */
    public List<String> classNames() {
        return classNames;
    }

    /** Human-readable name of one class label. */
    public String className(int label) {
        return classNames.get(label);
    }

    /** Number of classes (10 for both data sets). */
    public int classCount() {
        return classNames.size();
    }

    /**
     * Parses a data set name as typed on a command line: {@code mnist}, {@code fashion} or
     * {@code fashion-mnist}, in any letter case, surrounding blanks ignored.
     *
     * @throws IllegalArgumentException for anything else, listing the accepted names so the
     *                                  CLI can show the message as is
     */
    public static Dataset parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "mnist":
                return MNIST;
            case "fashion":
            case "fashion-mnist":
                return FASHION;
            default:
                throw new IllegalArgumentException("unknown data set '" + name
                        + "'; accepted: mnist, fashion, fashion-mnist (any letter case)");
        }
    }
}
