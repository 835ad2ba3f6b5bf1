package goodness.ui;

import goodness.data.UserFiles;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Figures out of the window: every chart's context menu exports it as PNG or SVG with its
 * caption ({@link Figures}, {@link FigureCaption}) or copies it to the clipboard, and the Inside
 * tab's pictures export or copy at their native size. A chart is drawn on the FX thread (the
 * thread that changes it); the PNG is encoded and every file written on the {@link BackgroundTasks}
 * worker, through a temporary file renamed over the target ({@link UserFiles#writeOutput}, which refuses a folder, a pipe or a device). The outcome goes
 * to the status line, a failure to the error dialog.
 */
public final class FigureActions {
    /** Asks where to save a figure; null: cancelled. */
    public interface SaveDialog {
        /**
         * @param formats the formats offered (the first is the default filter)
         * @return the file to write, its extension one of {@code formats}' (see {@link Figures#target}), or null
         */
        Path choose(Window owner, String initialName, List<Figures.Format> formats);
    }

    private final BackgroundTasks tasks;
    private final Consumer<String> status, errors;
    private SaveDialog dialog = FigureActions::showSaveDialog;

    /**
     * @param status sets the status line (FX thread)
     * @param errors shows an error (FX thread)
     */
    public FigureActions(BackgroundTasks tasks, Consumer<String> status, Consumer<String> errors) {
        this.tasks = tasks;
        this.status = status;
        this.errors = errors;
    }

    /** Replaces the save dialog (tests answer it without a window). */
    public void setSaveDialog(SaveDialog dialog) {
        this.dialog = dialog;
    }

    // ------------------------------------------------------------------------------------------
    // Charts.

    /**
     * Writes the chart with its caption to {@code file}, as SVG if the name ends in {@code .svg},
     * else as PNG ({@link Figures#PNG_SCALE} pixels a point). FX thread; the file is written on the worker.
     */
    public CompletableFuture<Path> exportChart(JFreeChart chart, String caption, Path file) {
        if (Figures.Format.of(file) == Figures.Format.SVG) {
            String svg = Figures.svg(chart, caption);
            return report(tasks.supply(() -> {
                UserFiles.writeOutput(file, svg.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.List.of());
                return file;
            }), file);
        }
        BufferedImage img = Figures.png(chart, caption, Figures.PNG_SCALE);
        return writePng(img, file);
    }

    /** Puts the chart's PNG figure (caption included) on the clipboard and returns the image put there. FX thread. */
    public Image copyChart(JFreeChart chart, String caption) {
        return copy(Figures.png(chart, caption, Figures.PNG_SCALE), "figure");
    }

    /**
     * Replaces a chart viewer's context menu (JFreeChart's own exports would write on the FX
     * thread, without the caption) with Export figure… and Copy figure.
     *
     * @param name    the file name the save dialog proposes (without extension)
     * @param caption the line under the figure, asked for when the figure is made
     */
    public void install(ChartViewer viewer, String name, Supplier<String> caption) {
        MenuItem export = new MenuItem("Export figure (PNG, SVG)…");
        export.setId("exportFigure");
        export.setOnAction(e -> {
            Path file = dialog.choose(window(viewer), name, List.of(Figures.Format.PNG, Figures.Format.SVG));
            if (file != null) exportChart(viewer.getChart(), caption.get(), file);
        });
        MenuItem copy = new MenuItem("Copy figure");
        copy.setId("copyFigure");
        copy.setOnAction(e -> reportCopy(() -> copyChart(viewer.getChart(), caption.get())));
        viewer.getContextMenu().getItems().setAll(export, copy);
    }

    // ------------------------------------------------------------------------------------------
    // Pictures.

    /** Writes a picture as PNG at its native size ({@link Figures#image}). The picture is immutable: all of it happens on the worker. */
    public CompletableFuture<Path> exportPicture(Picture picture, Path file) {
        return report(tasks.supply(() -> {
            UserFiles.writeOutput(file, Figures.pngBytes(Figures.image(picture)), java.util.List.of());
            return file;
        }), file);
    }

    /** Puts a picture on the clipboard at its native size and returns the image put there. FX thread. */
    public Image copyPicture(Picture picture) {
        return copy(Figures.image(picture), "image");
    }

    /**
     * A context menu on a picture's node: Export PNG… and Copy image, disabled while there is no
     * picture (the supplier returns null).
     */
    public ContextMenu install(Node node, String name, Supplier<Picture> picture) {
        MenuItem export = new MenuItem("Export PNG (native size)…");
        export.setId("exportPicture");
        export.setOnAction(e -> {
            Picture p = picture.get();
            if (p == null) return;
            Path file = dialog.choose(window(node), name, List.of(Figures.Format.PNG));
            if (file != null) exportPicture(p, file);
        });
        MenuItem copy = new MenuItem("Copy image");
        copy.setId("copyPicture");
        copy.setOnAction(e -> {
            Picture p = picture.get();
            if (p != null) reportCopy(() -> copyPicture(p));
        });
        ContextMenu menu = new ContextMenu(export, copy);
        menu.setOnShowing(e -> {
            boolean none = picture.get() == null;
            export.setDisable(none);
            copy.setDisable(none);
        });
        node.setOnContextMenuRequested(e -> {
            menu.show(node, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        return menu;
    }

    // ------------------------------------------------------------------------------------------

    private CompletableFuture<Path> writePng(BufferedImage img, Path file) {
        return report(tasks.supply(() -> {
            UserFiles.writeOutput(file, Figures.pngBytes(img), java.util.List.of());
            return file;
        }), file);
    }

    private Image copy(BufferedImage img, String what) {
        Image fx = SwingFXUtils.toFXImage(img, null);
        ClipboardContent content = new ClipboardContent();
        content.putImage(fx);
        Clipboard.getSystemClipboard().setContent(content);
        status.accept(what + " copied to the clipboard (" + img.getWidth() + " × " + img.getHeight() + " pixels)");
        return fx;
    }

    /** A copy that fails (no clipboard, no memory for the image) is one message, not an exception on the FX thread. */
    private void reportCopy(Runnable copy) {
        try {
            copy.run();
        } catch (RuntimeException | OutOfMemoryError e) {
            errors.accept("cannot copy to the clipboard: " + BackgroundTasks.message(e));
        }
    }

    private CompletableFuture<Path> report(CompletableFuture<Path> f, Path file) {
        return f.whenComplete((v, e) -> tasks.fx(() -> {
            if (e == null) status.accept("figure written to " + file);
            else errors.accept("cannot write " + file + ": " + BackgroundTasks.message(e));
        }));
    }

    private static Window window(Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }

    /** The system's save dialog, one extension filter per format; the name gets the chosen filter's extension if it has none of them. */
    private static Path showSaveDialog(Window owner, String initialName, List<Figures.Format> formats) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export figure");
        fc.setInitialFileName(initialName);
        for (Figures.Format f : formats)
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description() + " (*." + f.extension() + ")", "*." + f.extension()));
        File chosen = fc.showSaveDialog(owner);
        if (chosen == null) return null;
        int i = fc.getExtensionFilters().indexOf(fc.getSelectedExtensionFilter());
        Figures.Format filter = formats.get(Math.max(0, i));
        Path target = Figures.target(chosen.toPath(), filter);
        // A typed extension that the dialog does not offer here (.svg for a picture) gives way to the filter's.
        return formats.contains(Figures.Format.of(target)) ? target : chosen.toPath().resolveSibling(chosen.getName() + "." + filter.extension());
    }
}
