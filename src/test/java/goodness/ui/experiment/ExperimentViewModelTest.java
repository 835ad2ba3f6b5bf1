package goodness.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** "Open experiment…": an experiment folder's table and plot, and one clear message for a bad folder. */
class ExperimentViewModelTest {
    static final String MD = """
            # Phase separation, MNIST, table 1 (awake A = sleep S = N batches)

            Test accuracy (recipe B, energy over all layers).

            | Dataset | Negative data | Unseparated | 1 | 2 |
            |---|---|---|---|---|
            | MNIST | Wrong label (this run) | 93.0% | 77.8% | 79.7–81.0% (2 seeds) |
            | MNIST | Wrong label (seed 003) | 97.7% | 89.0% | 88.0% |

            Budget per cell: 4 epochs x 5 Adam steps per layer per batch.
            """;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // javafx.scene.image.Image needs the toolkit (headless Monocle here)
    }

    /** Background work and property changes both on the calling thread: open() has finished when it returns. */
    private static ExperimentViewModel direct() {
        return new ExperimentViewModel(Runnable::run, Runnable::run);
    }

    static Path experiment(Path dir, int plotWidth, int plotHeight) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), MD, StandardCharsets.UTF_8);
        ImageIO.write(new BufferedImage(plotWidth, plotHeight, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("results.png").toFile());
        return dir;
    }

    @Test
    void showsTheTableTheNotesAndThePlot(@TempDir Path tmp) throws Exception {
        ExperimentViewModel vm = direct();
        Path dir = experiment(tmp.resolve("sep"), 96, 60);
        vm.open(dir);
        assertEquals("", vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(dir, vm.folderProperty().get());
        assertEquals("Phase separation, MNIST, table 1 (awake A = sleep S = N batches)", vm.titleProperty().get());
        assertEquals(List.of("Dataset", "Negative data", "Unseparated", "1", "2"), vm.header());
        assertEquals(2, vm.rows().size());
        assertEquals(List.of("MNIST", "Wrong label (this run)", "93.0%", "77.8%", "79.7–81.0% (2 seeds)"), vm.rows().get(0));
        assertTrue(vm.notesProperty().get().startsWith("Test accuracy"), vm.notesProperty().get());
        assertTrue(vm.notesProperty().get().endsWith("per batch."), vm.notesProperty().get());
        assertEquals(96, vm.plotProperty().get().getWidth());
        assertEquals(60, vm.plotProperty().get().getHeight());
    }

    @Test
    void aFolderThatARunningExperimentRewritesIsReadAgainOnlyWhenItChanged(@TempDir Path tmp) throws Exception {
        ExperimentViewModel vm = direct();
        Path dir = experiment(tmp.resolve("sep"), 96, 60);
        vm.open(dir);
        int[] rowChanges = {0};
        vm.rows().addListener((javafx.collections.ListChangeListener<List<String>>) c -> rowChanges[0]++);

        vm.refreshIfChanged();
        assertEquals(0, rowChanges[0], "nothing changed on disk: nothing read again");

        // The experiment finishes a cell: a new column in the table and a new plot.
        Files.writeString(dir.resolve("results.md"), MD.replace("| 2 |\n|---|---|---|---|---|", "| 2 | 4 |\n|---|---|---|---|---|---|")
                .replace("79.7–81.0% (2 seeds) |", "79.7–81.0% (2 seeds) | 70.1% |"), StandardCharsets.UTF_8);
        ImageIO.write(new BufferedImage(120, 70, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("results.png").toFile());
        Files.setLastModifiedTime(dir.resolve("results.md"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        vm.refreshIfChanged();
        assertEquals(List.of("Dataset", "Negative data", "Unseparated", "1", "2", "4"), vm.header());
        assertEquals("70.1%", vm.rows().get(0).get(5));
        assertEquals(120, vm.plotProperty().get().getWidth());

        // The folder goes away: one message, and what is shown stays.
        Files.delete(dir.resolve("results.md"));
        vm.refreshIfChanged();
        assertTrue(vm.messageProperty().get().contains("results.md"), vm.messageProperty().get());
        assertEquals(6, vm.header().size());
    }

    @Test
    void aFolderWithoutAPlotShowsItsTableAndSaysSo(@TempDir Path tmp) throws Exception {
        ExperimentViewModel vm = direct();
        Path dir = experiment(tmp.resolve("sep"), 10, 10);
        Files.delete(dir.resolve("results.png"));
        vm.open(dir);
        assertEquals(2, vm.rows().size());
        assertNull(vm.plotProperty().get());
        assertTrue(vm.messageProperty().get().contains("results.png not found"), vm.messageProperty().get());
    }

    @Test
    void aBadFolderIsOneMessageNamingItAndKeepsWhatIsShown(@TempDir Path tmp) throws Exception {
        ExperimentViewModel vm = direct();
        vm.open(experiment(tmp.resolve("good"), 20, 10));
        List<List<String>> shown = List.copyOf(vm.rows());

        Path missing = tmp.resolve("missing");
        vm.open(missing);
        assertEquals(missing + ": not a folder", vm.messageProperty().get());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        vm.open(empty);
        assertTrue(vm.messageProperty().get().startsWith(empty + ": not an experiment folder"), vm.messageProperty().get());

        Path notPng = experiment(tmp.resolve("notpng"), 10, 10);
        Files.writeString(notPng.resolve("results.png"), "<html>not an image</html>");
        vm.open(notPng);
        assertEquals(notPng.resolve("results.png") + ": not a PNG image", vm.messageProperty().get());

        Path cutPng = experiment(tmp.resolve("cutpng"), 50, 50);
        byte[] png = Files.readAllBytes(cutPng.resolve("results.png"));
        Files.write(cutPng.resolve("results.png"), java.util.Arrays.copyOf(png, 12));
        vm.open(cutPng);
        assertEquals(cutPng.resolve("results.png") + ": cannot be decoded as an image", vm.messageProperty().get());

        Path noTable = experiment(tmp.resolve("notable"), 10, 10);
        Files.writeString(noTable.resolve("results.md"), "# Just a title\n\nno table here\n");
        vm.open(noTable);
        assertTrue(vm.messageProperty().get().startsWith(noTable.resolve("results.md") + ": has no table"), vm.messageProperty().get());

        Path binary = experiment(tmp.resolve("binary"), 10, 10);
        Files.write(binary.resolve("results.md"), new byte[] {'|', 'a', '|', (byte) 0xC3, (byte) 0x28, '\n'});
        vm.open(binary);
        assertEquals(binary.resolve("results.md") + ": not UTF-8 text", vm.messageProperty().get());

        Path huge = experiment(tmp.resolve("huge"), 10, 10);
        Files.write(huge.resolve("results.md"), new byte[(int) ExperimentViewModel.MAX_MARKDOWN_BYTES + 1]);
        vm.open(huge);
        assertTrue(vm.messageProperty().get().startsWith(huge.resolve("results.md") + ": 1048577 bytes, more than"), vm.messageProperty().get());

        assertEquals(shown, vm.rows(), "a failed open leaves the last good experiment on screen");
        assertEquals(tmp.resolve("good"), vm.folderProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void thePaneShowsItWithFilesReadOffTheFxThread(@TempDir Path tmp) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            List<Boolean> readOnFx = new java.util.concurrent.CopyOnWriteArrayList<>();
            ExperimentViewModel vm = new ExperimentViewModel(r -> reader.execute(() -> {
                readOnFx.add(Platform.isFxApplicationThread());
                r.run();
            }), Platform::runLater);
            ExperimentPane pane = fx(() -> {
                ExperimentPane p = new ExperimentPane();
                p.bind(vm);
                return p;
            });
            FxToolkit.setupStage(s -> {
                s.setScene(new Scene(pane, 900, 700));
                s.show();
            });
            Path dir = experiment(tmp.resolve("sep"), 300, 200);
            fx(() -> {
                vm.open(dir);
                return null;
            });
            for (int i = 0; i < 200 && fx(() -> vm.busyProperty().get() || vm.rows().isEmpty()); i++) Thread.sleep(25);
            assertEquals(List.of(false), readOnFx, "the folder was read on the background executor");
            assertEquals(5, (int) fx(() -> pane.table().getColumns().size()));
            assertEquals("Unseparated", fx(() -> pane.table().getColumns().get(2).getText()));
            assertEquals(2, (int) fx(() -> pane.table().getItems().size()));
            assertEquals(300.0, fx(() -> pane.plotView().getImage().getWidth()));
        } finally {
            reader.shutdownNow();
            FxToolkit.setupStage(s -> s.hide());
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }
}
