package goodness.ui;

import goodness.ff.FFNetwork;
import goodness.ff.io.Checkpoints;
import goodness.ff.io.DefaultModel;
import goodness.ff.training.EpochMetrics;
import goodness.runs.MetricsCsv;
import goodness.service.ServiceState;
import goodness.service.TrainingEvent;
import goodness.service.TrainingService;
import goodness.ui.draw.CanvasViewModel;
import goodness.ui.training.ChartsViewModel;
import goodness.data.UserFiles;
import java.nio.charset.StandardCharsets;
import org.jfree.chart.JFreeChart;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The File menu's work: checkpoints and models saved and loaded, metrics and charts exported.
 * Called on the FX thread; the files are read and written on the {@link BackgroundTasks} worker
 * (or by the training service, for its own run). The outcome comes back on the FX thread: the
 * status line on success, an error dialog on failure.
 */
final class FileActions {
    private final TrainingService service;
    private final BackgroundTasks tasks;
    private final CanvasViewModel canvas;
    private final ChartsViewModel charts;
    private final List<EpochMetrics> history;
    private final Consumer<String> status;
    private final Consumer<String> errors;
    private final Predicate<String> leavingRun;

    /**
     * @param history    the run's epochs so far (read on the FX thread)
     * @param status     sets the status line (FX thread)
     * @param errors     shows an error (FX thread)
     * @param leavingRun asked before a file replaces the current run, with what replaces it; false cancels
     */
    FileActions(TrainingService service, BackgroundTasks tasks, CanvasViewModel canvas, ChartsViewModel charts,
                List<EpochMetrics> history, Consumer<String> status, Consumer<String> errors, Predicate<String> leavingRun) {
        this.service = service;
        this.tasks = tasks;
        this.canvas = canvas;
        this.charts = charts;
        this.history = history;
        this.status = status;
        this.errors = errors;
        this.leavingRun = leavingRun;
    }

    CompletableFuture<Path> saveCheckpoint(Path file) {
        return reportService(service.saveCheckpoint(file), "saved " + file.getFileName());
    }

    CompletableFuture<?> loadCheckpoint(Path file) {
        if (!leavingRun.test("the checkpoint replaces the run")) return CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
        return reportService(service.loadCheckpoint(file), "loaded " + file.getFileName());
    }

    /** Saves the weights: of the run if there is one, else of the model the canvas uses. */
    CompletableFuture<Path> saveModel(Path file) {
        if (service.state() != ServiceState.IDLE && service.state() != ServiceState.FAILED)
            return reportService(service.saveModel(file), "saved model " + file.getFileName());
        FFNetwork net = canvas.currentModel();
        if (net == null) return CompletableFuture.failedFuture(new IllegalStateException("there is no model to save"));
        return report(tasks.supply(() -> {
            UserFiles.checkOutput(file, List.of());   // never over a pipe, a device or a folder
            Checkpoints.saveModel(net, file);
            return file;
        }), "saved model " + file.getFileName());
    }

    /*
     * At start the bundled model and a --model file load side by side: the file's model wins
     * whichever comes first, and a file that cannot be read leaves the bundled model. FX thread.
     */
    private int modelLoadsPending;       // model files being read
    private boolean modelFileShown;      // a bundled model that finishes loading later stays out
    private FFNetwork bundledWaiting;    // loaded while a file was read: shown if that fails

    /** Loads a model file (weights only) for the canvas and the gallery. */
    CompletableFuture<FFNetwork> loadModel(Path file) {
        modelLoadsPending++;
        return report(tasks.supply(() -> Checkpoints.loadModel(file)), "loaded model " + file.getFileName())
                .whenComplete((net, e) -> tasks.fx(() -> {
                    modelLoadsPending--;
                    if (e == null) {
                        modelFileShown = true;
                        bundledWaiting = null;
                        canvas.setBundledModel(net, "model " + file.getFileName());
                    } else if (modelLoadsPending == 0 && bundledWaiting != null) {
                        showBundled(bundledWaiting);
                        bundledWaiting = null;
                    }
                }));
    }

    /** The app's {@code --model=FILE} option: the file's model replaces the bundled one, as with File > Load…. */
    void loadModelArgument(String value) {
        try {
            loadModel(Path.of(value));
        } catch (java.nio.file.InvalidPathException e) {
            errors.accept("--model: not a file name: " + value);
        }
    }

    /** The model the app ships with, for the canvas while there is no run. */
    void loadBundledModel() {
        tasks.supply(DefaultModel::load).whenComplete((net, e) -> tasks.fx(() -> {
            if (e != null) canvas.bundledModelFailed(BackgroundTasks.message(e));
            else if (!modelFileShown && modelLoadsPending > 0) bundledWaiting = net;
            else if (!modelFileShown) showBundled(net);
        }));
    }

    private void showBundled(FFNetwork net) {
        canvas.setBundledModel(net, "bundled model (" + net.config().presetName() + ")");
    }

    /** Writes the run's epochs as CSV; the list is copied here, on the FX thread that changes it. */
    CompletableFuture<Path> exportMetricsCsv(Path file) {
        List<EpochMetrics> epochs = List.copyOf(history);
        return report(tasks.supply(() -> {
            UserFiles.writeOutput(file, MetricsCsv.toCsv(epochs).getBytes(StandardCharsets.UTF_8), List.of());
            return file;
        }), "metrics written to " + file.getFileName(), "cannot write " + file + ": ");
    }

    /**
     * Writes every chart as {@code <name>.png} and {@code <name>.svg} into {@code dir}, each with
     * its caption (the runs it shows and their changed settings). The charts are drawn here, on
     * the FX thread (JFreeChart is not thread-safe, and the FX thread changes them); encoding and
     * writing (temporary file, then rename) happen on the worker.
     */
    CompletableFuture<List<Path>> exportCharts(Path dir) {
        Map<String, BufferedImage> images = new LinkedHashMap<>();
        Map<String, String> svgs = new LinkedHashMap<>();
        for (Map.Entry<String, JFreeChart> e : charts.rendered().entrySet()) {
            String caption = charts.caption(e.getKey());
            images.put(e.getKey(), Figures.png(e.getValue(), caption, Figures.PNG_SCALE));
            svgs.put(e.getKey(), Figures.svg(e.getValue(), caption));
        }
        return report(tasks.supply(() -> {
            List<Path> out = new ArrayList<>();
            java.nio.file.Files.createDirectories(dir);   // the folder the user named, made if new
            for (String name : images.keySet()) {
                Path png = dir.resolve(name + ".png"), svg = dir.resolve(name + ".svg");
                UserFiles.writeOutput(png, Figures.pngBytes(images.get(name)), List.of());
                UserFiles.writeOutput(svg, svgs.get(name).getBytes(StandardCharsets.UTF_8), List.of());
                out.add(png);
                out.add(svg);
            }
            return out;
        }), images.size() + " charts written to " + dir + " (PNG and SVG)", "cannot write charts: ");
    }

    /**
     * A service command's outcome: success in the status line. Its failure is not reported here:
     * the service reports every failed command as a {@link TrainingEvent.Failed} as well, and
     * one failure must show one dialog.
     */
    private <T> CompletableFuture<T> reportService(CompletableFuture<T> f, String ok) {
        return f.whenComplete((v, e) -> {
            if (e == null) tasks.fx(() -> status.accept(ok));
        });
    }

    /** Work of the app itself (not the service's): success in the status line, a failure in a dialog. */
    private <T> CompletableFuture<T> report(CompletableFuture<T> f, String ok) {
        return report(f, ok, "");
    }

    private <T> CompletableFuture<T> report(CompletableFuture<T> f, String ok, String failurePrefix) {
        return f.whenComplete((v, e) -> tasks.fx(() -> {
            if (e == null) status.accept(ok);
            else errors.accept(failurePrefix + BackgroundTasks.message(e));
        }));
    }
}
