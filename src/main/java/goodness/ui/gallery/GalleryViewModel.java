package goodness.ui.gallery;

import goodness.data.Dataset;
import goodness.data.DatasetLoader;
import goodness.data.LabeledImages;
import goodness.data.SplitKind;
import goodness.ff.FFNetwork;
import goodness.service.TestSetEvaluator;
import goodness.ui.BackgroundTasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The gallery tab: evaluates the current model on the test set on the app's one
 * {@link BackgroundTasks} worker, so that it queues behind, not beside, the other view models'
 * background work; the outcome comes back on the FX thread.
 */
public final class GalleryViewModel {
    private final BackgroundTasks background;
    private final Supplier<Path> dataRoot;
    private final ObjectProperty<TestSetEvaluator.Evaluation> evaluation = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");   // the panel itself says what to do before the first evaluation
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<int[]> filter = new SimpleObjectProperty<>(new int[] {-1, -1});
    private Dataset testDataset;
    private LabeledImages testImages;

    public GalleryViewModel(BackgroundTasks background, Supplier<Path> dataRoot) {
        this.background = background;
        this.dataRoot = dataRoot;
    }

    public ObjectProperty<TestSetEvaluator.Evaluation> evaluationProperty() {
        return evaluation;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** {true label, predicted label}; -1 = any. */
    public ObjectProperty<int[]> filterProperty() {
        return filter;
    }

    public void setFilter(int trueLabel, int predicted) {
        filter.set(new int[] {trueLabel, predicted});
    }

    /** Scores the first {@code limit} test images (0 = all) with {@code net}, in the background. */
    public void evaluate(FFNetwork net, int limit) {
        if (net == null) {
            status.set("No model to evaluate yet.");
            return;
        }
        if (busy.get()) return;
        busy.set(true);
        status.set("Evaluating on the test set…");
        Dataset ds = net.config().dataset();
        background.execute(() -> {
            try {
                LabeledImages test = testSet(ds);
                TestSetEvaluator.Evaluation e = TestSetEvaluator.evaluate(net, test, limit);
                String caveat = ds == Dataset.FASHION ? " — Fashion-MNIST here is not the official split" : "";
                background.fx(() -> {
                    busy.set(false);
                    filter.set(new int[] {-1, -1});
                    evaluation.set(e);
                    status.set(String.format(java.util.Locale.ROOT, "%s test set: %d / %d errors (%.2f %%) by energy, %.1f s%s",
                            ds == Dataset.FASHION ? "Fashion-MNIST" : "MNIST", e.errors(), e.count(), 100.0 * e.errors() / e.count(), e.seconds(), caveat));
                });
            } catch (RuntimeException ex) {
                String m = BackgroundTasks.message(ex);
                background.fx(() -> {
                    busy.set(false);
                    status.set("Evaluation failed: " + m);
                });
            }
        });
    }

    private LabeledImages testSet(Dataset ds) {
        if (ds != testDataset || testImages == null) {
            testImages = DatasetLoader.load(dataRoot.get(), ds, SplitKind.FULL, 100).test();
            testDataset = ds;
        }
        return testImages;
    }
}
