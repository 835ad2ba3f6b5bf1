package goodness.data;

import java.util.Objects;

/**
 * One loaded data set, divided into the three sets a training run needs.
 *
 * @param train   the images the network learns from
 * @param valid   held-out training images for choosing hyper-parameters; empty (count 0)
 *                for {@link SplitKind#FULL}
 * @param test    the official test images; only for the final figure
 * @param dataset which data set these came from (class names, pixel statistics)
 */
public record DataSplits(LabeledImages train, LabeledImages valid, LabeledImages test,
                         Dataset dataset) {

    public DataSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(dataset, "dataset");
    }
}
