package goodness.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Loads a bundled data set from its four IDX files and divides it into train, validation
 * and test sets.
 *
 * <p>Expected layout: {@code <dataRoot>/<dataset.folder()>/} holding
 * {@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS}, {@value #TEST_IMAGES} and
 * {@value #TEST_LABELS} (gzipped or not; {@link IdxReader} decides from the content).
 *
 * <p>Beyond what {@link IdxReader} checks, the loader checks what only makes sense for these
 * data sets: images are 28x28, each image file has as many images as its label file has
 * labels, and labels are 0..9. All such problems are {@link DataFileException}s naming the
 * file(s); wrong arguments (a negative or too large {@code trainLimit}) are
 * {@link IllegalArgumentException}s.
 */
public final class DatasetLoader {

    /** Training images file name. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** Training labels file name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** Test images file name. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** Test labels file name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /** How many of the last training images {@link SplitKind#HINTON} holds out for validation. */
    public static final int VALIDATION_SIZE = 10_000;

    /** System property that names the data root explicitly (surefire sets it for tests). */
    public static final String DATA_DIR_PROPERTY = "goodness.dataDir";

    private DatasetLoader() {
    }

    /** Loads the whole data set; same as {@code load(dataRoot, dataset, kind, 0)}. */
    public static DataSplits load(Path dataRoot, Dataset dataset, SplitKind kind) {
        return load(dataRoot, dataset, kind, 0);
    }

    /**
     * Loads a data set and splits it.
     *
     * <ul>
     *   <li>{@link SplitKind#HINTON}: train = all training images but the last
     *       {@value #VALIDATION_SIZE} (the first 50,000 for MNIST), valid = those last
     *       {@value #VALIDATION_SIZE}, test = t10k.</li>
     *   <li>{@link SplitKind#FULL}: train = all training images, valid = empty, test = t10k.</li>
     * </ul>
     *
     * @param trainLimit keep only the first {@code trainLimit} images of the training set for
     *                   quick runs and tests ({@code 0} = keep all). Validation and test sets
     *                   are never cut, so figures from quick runs stay comparable.
     * @throws IllegalArgumentException if {@code trainLimit} is negative or larger than the
     *                                  training set of this split
     * @throws DataFileException        if a file is missing or malformed, or the files
     *                                  disagree with each other
     */
    public static DataSplits load(Path dataRoot, Dataset dataset, SplitKind kind, int trainLimit) {
        return load(dataRoot, dataset, kind, trainLimit, 1);
    }

    /**
     * As {@link #load(Path, Dataset, SplitKind, int)}, and the split's training part (before
     * {@code trainLimit} cuts it) must hold at least {@code minTrainImages} images: one batch of
     * the config that trains or trained on it. Training and evaluation pass the same minimum, so
     * a data folder is judged the same way by both, even though evaluation keeps only one
     * training image.
     *
     * @throws DataFileException naming the training images file if the split leaves fewer
     */
    public static DataSplits load(Path dataRoot, Dataset dataset, SplitKind kind, int trainLimit, int minTrainImages) {
        if (trainLimit < 0) {
            throw new IllegalArgumentException("trainLimit must be >= 0 (0 = all), got " + trainLimit);
        }
        Path dir = dataRoot.resolve(dataset.folder());
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, "data set folder not found (expected the "
                    + dataset + " IDX files here)");
        }
        Path trainImagesFile = dir.resolve(TRAIN_IMAGES);
        Path trainLabelsFile = dir.resolve(TRAIN_LABELS);
        IdxImages trainImages = readCheckedImages(trainImagesFile);
        byte[] trainLabels = readCheckedLabels(trainLabelsFile, trainImagesFile, trainImages);

        int total = trainImages.count();
        if (total == 0) {
            throw new DataFileException(trainImagesFile, "holds no images; a training set cannot be empty");
        }
        int trainEnd;
        LabeledImages valid;
        if (kind == SplitKind.HINTON) {
            if (total <= VALIDATION_SIZE) {
                throw new DataFileException(trainImagesFile, "holds only " + total
                        + " images; the " + kind + " split needs more than " + VALIDATION_SIZE
                        + " (the last " + VALIDATION_SIZE + " become the validation set)");
            }
            trainEnd = total - VALIDATION_SIZE;
            valid = LabeledImages.fromUnsignedBytes(trainImages.pixels(), trainLabels, trainEnd, total);
        } else {
            trainEnd = total;
            valid = LabeledImages.empty();
        }
        if (trainEnd < minTrainImages) {
            throw new DataFileException(trainImagesFile, "the " + kind + " split leaves " + trainEnd
                    + " training images, fewer than one batch of " + minTrainImages);
        }
        if (trainLimit > trainEnd) {
            throw new IllegalArgumentException("trainLimit " + trainLimit + " exceeds the "
                    + trainEnd + " training images of the " + kind + " split of " + dataset);
        }
        int trainCount = trainLimit == 0 ? trainEnd : trainLimit;
        LabeledImages train = LabeledImages.fromUnsignedBytes(
                trainImages.pixels(), trainLabels, 0, trainCount);
        trainImages = null; // let the 47 MB of raw bytes go before reading the test set

        Path testImagesFile = dir.resolve(TEST_IMAGES);
        IdxImages testImages = readCheckedImages(testImagesFile);
        if (testImages.count() == 0) {
            throw new DataFileException(testImagesFile, "holds no images; the test set cannot be empty (its error rate would be 0/0)");
        }
        byte[] testLabels = readCheckedLabels(dir.resolve(TEST_LABELS), testImagesFile, testImages);
        LabeledImages test = LabeledImages.fromUnsignedBytes(
                testImages.pixels(), testLabels, 0, testImages.count());

        return new DataSplits(train, valid, test, dataset);
    }

    private static IdxImages readCheckedImages(Path file) {
        IdxImages images = IdxReader.readImages(file);
        if (images.rows() != LabeledImages.HEIGHT || images.cols() != LabeledImages.WIDTH) {
            throw new DataFileException(file, "images are " + images.rows() + "x" + images.cols()
                    + ", expected " + LabeledImages.HEIGHT + "x" + LabeledImages.WIDTH);
        }
        return images;
    }

    /** Reads labels and checks they match the images read from {@code imagesFile}. */
    private static byte[] readCheckedLabels(Path file, Path imagesFile, IdxImages images) {
        byte[] labels = IdxReader.readLabels(file);
        if (labels.length != images.count()) {
            throw new DataFileException("image/label count mismatch: " + imagesFile + " holds "
                    + images.count() + " images but " + file + " holds " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= LabeledImages.CLASSES) {
                throw new DataFileException(file, "label " + label + " at index " + i
                        + " is outside 0.." + (LabeledImages.CLASSES - 1));
            }
        }
        return labels;
    }

    /**
     * Finds the data root when none was given, so the CLI, the UI and the tests work from the
     * project folder, a sub-folder of it, or anywhere with an explicit setting. In order:
     * <ol>
     *   <li>the system property {@value #DATA_DIR_PROPERTY}, if set (it must then be a
     *       directory: a wrong explicit setting is an error, not a reason to guess);</li>
     *   <li>{@code ./data}, if it is a directory;</li>
     *   <li>the nearest folder, walking up from the working directory, that has a
     *       {@code data/mnist} sub-folder; its {@code data} is the root.</li>
     * </ol>
     *
     * @throws DataFileException naming every place it looked, if none applies
     */
    public static Path defaultDataRoot() {
        return findDataRoot(System.getProperty(DATA_DIR_PROPERTY),
                Paths.get("").toAbsolutePath());
    }

    /** {@link #defaultDataRoot()} with its inputs explicit, so the search can be tested. */
    static Path findDataRoot(String property, Path workingDir) {
        if (property != null && !property.isBlank()) {
            Path p = Paths.get(property.trim()).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new DataFileException(p, "named by -D" + DATA_DIR_PROPERTY
                        + " but is not a directory");
            }
            return p;
        }
        Path wd = workingDir.toAbsolutePath().normalize();
        Path local = wd.resolve("data");
        if (Files.isDirectory(local)) {
            return local;
        }
        for (Path dir = wd.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("data").resolve(Dataset.MNIST.folder()))) {
                return dir.resolve("data");
            }
        }
        throw new DataFileException("no data folder found: -D" + DATA_DIR_PROPERTY
                + " is not set, " + local + " does not exist, and no parent of " + wd
                + " has a data/" + Dataset.MNIST.folder() + " folder; set -D"
                + DATA_DIR_PROPERTY + "=/path/to/data");
    }
}
