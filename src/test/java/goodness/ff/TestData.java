package goodness.ff;

import goodness.data.DataSplits;
import goodness.data.DatasetLoader;
import goodness.data.Dataset;
import goodness.data.LabeledImages;
import goodness.data.SplitKind;

import java.util.List;

/** Shared fixtures: the bundled MNIST (loaded once) and small configs that train in seconds. */
public final class TestData {
    private static DataSplits mnist;

    private TestData() {
    }

    public static synchronized DataSplits mnist() {
        if (mnist == null) mnist = DatasetLoader.load(DatasetLoader.defaultDataRoot(), Dataset.MNIST, SplitKind.HINTON);
        return mnist;
    }

    /** The first {@code train} training images, and the first {@code eval} valid and test images. */
    public static DataSplits small(int train, int eval) {
        DataSplits d = mnist();
        return new DataSplits(d.train().first(train), d.valid().first(eval), d.test().first(eval), d.dataset());
    }

    /** Recipe A's conventions on a small network, EJML single-threaded (exactly reproducible). */
    public static FFConfig.Builder tiny() {
        return FFConfig.hinton().toBuilder().hiddenSizes(List.of(64, 48, 32)).epochs(2).evalEvery(1)
                .backend("ejml").threads(1);
    }

    public static LabeledImages images(float[] pixels, int[] labels) {
        return new LabeledImages(pixels, labels);
    }
}
