package goodness.ui.experiment;

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
    static final String HEADER = "dataset,negatives,table,phase,epochs,steps,batch_size,train_images,lr,seed,test_errors,test_cases,accuracy,seconds,cpu_seconds";
    /** Three cells of seed 1234 and a second seed of N = 2: 93.0 %, 77.8 %, 79.7 and 81.0 %. */
    static final String CELLS = HEADER + "\n"
            + "mnist,random,1,unseparated,4,5,512,1024,0.01,1234,70,1000,0.9300,10.0,9.0\n"
            + "mnist,random,1,1,4,5,512,1024,0.01,1234,222,1000,0.7780,10.0,9.0\n"
            + "mnist,random,1,2,4,5,512,1024,0.01,1234,203,1000,0.7970,10.0,9.0\n"
            + "mnist,random,1,2,4,5,512,1024,0.01,5678,190,1000,0.8100,10.0,9.0\n";

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
        Files.writeString(dir.resolve("cells.csv"), CELLS, StandardCharsets.UTF_8);
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
        assertTrue(vm.notesProperty().get().contains("Budget per cell: 4 epochs x 5 Adam steps per layer per batch, batch 512, 1024 training images"),
                vm.notesProperty().get());
        assertTrue(vm.notesProperty().get().contains("- seed 5678: wrong label N=2"), vm.notesProperty().get());
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
        Files.writeString(dir.resolve("cells.csv"), "mnist,random,1,4,4,5,512,1024,0.01,1234,299,1000,0.7010,10.0,9.0\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        ImageIO.write(new BufferedImage(120, 70, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("results.png").toFile());
        Files.setLastModifiedTime(dir.resolve("cells.csv"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        vm.refreshIfChanged();
        assertEquals(List.of("Dataset", "Negative data", "Unseparated", "1", "2", "4"), vm.header());
        assertEquals("70.1%", vm.rows().get(0).get(5));
        assertEquals(120, vm.plotProperty().get().getWidth());

        // The folder goes away: one message, and what is shown stays.
        Files.delete(dir.resolve("cells.csv"));
        vm.refreshIfChanged();
        assertTrue(vm.messageProperty().get().contains("cells.csv"), vm.messageProperty().get());
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

        Path noCells = experiment(tmp.resolve("nocells"), 10, 10);
        Files.writeString(noCells.resolve("cells.csv"), HEADER + "\n");
        vm.open(noCells);
        assertEquals(noCells.resolve("cells.csv") + ": no finished cell yet", vm.messageProperty().get());

        Path notCells = experiment(tmp.resolve("notcells"), 10, 10);
        Files.writeString(notCells.resolve("cells.csv"), "# Just a title\n\nno table here\n");
        vm.open(notCells);
        assertTrue(vm.messageProperty().get().startsWith(notCells.resolve("cells.csv") + ": not an experiment's cells table"), vm.messageProperty().get());

        Path binary = experiment(tmp.resolve("binary"), 10, 10);
        Files.write(binary.resolve("cells.csv"), new byte[] {'d', 'a', ',', (byte) 0xC3, (byte) 0x28, '\n'});
        vm.open(binary);
        assertEquals(binary.resolve("cells.csv") + ": not UTF-8 text", vm.messageProperty().get());

        Path huge = experiment(tmp.resolve("huge"), 10, 10);
        Files.write(huge.resolve("cells.csv"), new byte[(int) ExperimentViewModel.MAX_TABLE_BYTES + 1]);
        vm.open(huge);
        assertTrue(vm.messageProperty().get().startsWith(huge.resolve("cells.csv") + ": 1048577 bytes, more than"), vm.messageProperty().get());

        assertEquals(shown, vm.rows(), "a failed open leaves the last good experiment on screen");
        assertEquals(tmp.resolve("good"), vm.folderProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aCommittedSeparationFolderShowsTheTableOfItsReport() throws Exception {
        Path dir = Path.of("assets", "experiments", "separation-mnist-t2-e43");
        ExperimentViewModel vm = direct();
        vm.open(dir);
        assertEquals("", vm.messageProperty().get());
        List<String> md = Files.readAllLines(dir.resolve("results.md"), StandardCharsets.UTF_8);
        assertEquals("# " + vm.titleProperty().get(), md.get(0));
        assertTrue(md.contains("| " + String.join(" | ", vm.header()) + " |"), vm.header().toString());
        for (List<String> row : vm.rows()) assertTrue(md.contains("| " + String.join(" | ", row) + " |"), row.toString());
        assertEquals(4, vm.rows().size(), "both negative modes, measured and published");
    }

    @Test
    void aLearningCurveFolderShowsItsSummary() throws Exception {
        Path dir = Path.of("assets", "experiments", "budget-sweep");
        ExperimentViewModel vm = direct();
        vm.open(dir);
        assertEquals("", vm.messageProperty().get());
        List<String> md = Files.readAllLines(dir.resolve("results.md"), StandardCharsets.UTF_8);
        assertEquals("# " + vm.titleProperty().get(), md.get(0));
        assertEquals("epochs to 96 %", vm.header().get(5));
        assertFalse(vm.rows().isEmpty());
        for (List<String> row : vm.rows()) assertTrue(md.contains("| " + String.join(" | ", row) + " |"), row.toString());
        assertTrue(vm.notesProperty().get().startsWith("Every run: recipe B"), vm.notesProperty().get());
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
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !vm.busyProperty().get() && !vm.rows().isEmpty()));
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
