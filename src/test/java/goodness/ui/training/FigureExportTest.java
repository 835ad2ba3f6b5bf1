package goodness.ui.training;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import goodness.service.TrainingEvent;
import goodness.ui.BackgroundTasks;
import goodness.ui.FigureActions;
import goodness.ui.Figures;
import goodness.ui.Picture;
import goodness.ui.RunSeries;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Figures for papers from the app's own charts (headless, no window): SVG that parses as SVG
 * with the caption and the series in it, PNG of the stated size, the clipboard's image, the
 * charts' and pictures' context menus, and pictures at their native size.
 */
class FigureExportTest {
    private static final FFConfig LIVE = FFConfig.hinton().toBuilder().epochs(3).seed(7).build();
    private static final FFConfig STORED = FFConfig.hintonPlus().toBuilder().dropout(0.2).build();
    private final List<String> status = new CopyOnWriteArrayList<>(), errors = new CopyOnWriteArrayList<>();
    private final BackgroundTasks tasks = new BackgroundTasks();
    private final FigureActions figures = new FigureActions(tasks, status::add, errors::add);

    @TempDir
    Path dir;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stopTasks() {
        tasks.shutdown();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    private static EpochMetrics epoch(int e, double cost) {
        List<Double> three = List.of(1.0, 2.0, 3.0);
        return new EpochMetrics(e, 1.0, cost, List.of(100, 50, 20), three, three, three, 900, 400, 420, three, List.of(0.5, 0.6),
                8.0, 1.0, 6000, NegativeMode.HARD, PhaseSchedule.unseparated(), 50_000, 10_000);
    }

    /** A live run of three epochs (stored as "live-run") beside a stored hinton-plus run with dropout 0.2. */
    private static ChartsViewModel twoRuns() throws Exception {
        return fx(() -> {
            ChartsViewModel c = new ChartsViewModel();
            c.setLiveLabel("live-run");
            List<TrainingEvent> events = new ArrayList<>();
            events.add(new TrainingEvent.RunStarted(LIVE, 500, 50_000, 10_000, 10_000, 0, 0, false));
            for (int e = 0; e < 3; e++) events.add(new TrainingEvent.EpochCompleted(epoch(e, 30 - 5 * e), (e + 1) * 500L, 3));
            c.apply(events);
            c.setOverlays(List.of(RunSeries.of("stored-run", "stored-run", 3, List.of(epoch(0, 20), epoch(1, 12))).setConfig(STORED)));
            return c;
        });
    }

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    private static List<Element> elements(Document d, String name) {
        NodeList nodes = d.getElementsByTagNameNS("*", name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
        return out;
    }

    @Test
    void aChartExportedAsSvgParsesWithItsCaptionAndOnePathPerSeries() throws Exception {
        ChartsViewModel charts = twoRuns();
        String caption = fx(() -> charts.caption(ChartsViewModel.COST));
        Path file = dir.resolve("cost.svg");
        fx(() -> figures.exportChart(charts.rendered().get(ChartsViewModel.COST), caption, file)).get(20, TimeUnit.SECONDS);

        Document svg = parse(file);
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        // The caption is the last text, wrapped into lines at spaces: joined again it is the caption.
        List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertTrue(String.join(" ", texts).endsWith(caption), "the caption under the chart: " + texts);
        assertTrue(caption.contains("live-run (hinton, mnist; changed: epochs=3, seed=7") && caption.contains("stored-run (hinton-plus, mnist; changed: dropout=0.2"),
                caption);
        assertTrue(texts.contains("Training cost"), "the chart's title is SVG text: " + texts);
        // One polyline per run, through its epochs' costs (three and two epochs); the legend's
        // stubs and the frame are paths too, but none of them rises or falls at every vertex.
        List<Integer> curves = new ArrayList<>();
        for (Element p : elements(svg, "path")) {
            String[] vertices = p.getAttribute("d").replaceAll("^M|Z$", "").split("L");
            List<String> ys = new ArrayList<>();
            for (String v : vertices) if (v.matches("[-0-9.]+,[-0-9.]+")) ys.add(v.split(",")[1]);
            if (ys.size() == vertices.length && ys.size() >= 2 && ys.stream().distinct().count() == ys.size()) curves.add(ys.size());
        }
        assertEquals(List.of(2, 3), curves.stream().sorted().toList(), "the stored run's and the live run's cost curves");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "written through a temporary file renamed over the target");
        }
        assertTrue(status.stream().anyMatch(s -> s.equals("figure written to " + file)), status.toString());
        assertEquals(List.of(), errors);
    }

    @Test
    void aPngFigureIsTheChartAtTwicePointSizeWithTheCaptionStripBelowIt() throws Exception {
        ChartsViewModel charts = twoRuns();
        String caption = fx(() -> charts.caption(ChartsViewModel.ERRORS));
        Path file = dir.resolve("errors.png");
        fx(() -> figures.exportChart(charts.rendered().get(ChartsViewModel.ERRORS), caption, file)).get(20, TimeUnit.SECONDS);

        assertEquals("Run: live-run (hinton, mnist; changed: epochs=3, seed=7)", fx(() -> charts.caption(ChartsViewModel.HISTOGRAM)),
                "the histogram shows the live run's last batch only");
        BufferedImage png = ImageIO.read(file.toFile());
        assertNotNull(png, "a PNG ImageIO reads");
        assertEquals(Figures.WIDTH * Figures.PNG_SCALE, png.getWidth());
        int chartBottom = Figures.CHART_HEIGHT * Figures.PNG_SCALE;
        assertTrue(png.getHeight() > chartBottom, "a caption strip under the chart: " + png.getHeight());
        int dark = 0;
        for (int y = chartBottom; y < png.getHeight(); y++)
            for (int x = 0; x < png.getWidth(); x++) if ((png.getRGB(x, y) & 0xff) < 100) dark++;
        assertTrue(dark > 100, "the caption's text is drawn in the strip (" + dark + " dark pixels)");
    }

    @Test
    void theChartsContextMenuExportsWhereTheDialogSaysAndCopiesThePngFigure() throws Exception {
        ChartsViewModel charts = twoRuns();
        Path chosen = dir.resolve("figure-1");
        figures.setSaveDialog((owner, name, formats) -> {
            assertEquals("gain", name, "the dialog proposes the chart's name");
            assertEquals(List.of(Figures.Format.PNG, Figures.Format.SVG), formats);
            return Figures.target(chosen, Figures.Format.SVG);
        });
        ChartViewer viewer = fx(() -> {
            ChartViewer v = new ChartViewer(charts.chart(ChartsViewModel.GAIN));
            figures.install(v, "gain", () -> charts.caption(ChartsViewModel.GAIN));
            return v;
        });
        List<String> ids = fx(() -> viewer.getContextMenu().getItems().stream().map(MenuItem::getId).toList());
        assertEquals(List.of("exportFigure", "copyFigure"), ids, "JFreeChart's own exports (FX thread, no caption) are replaced");

        fx(() -> { viewer.getContextMenu().getItems().get(0).fire(); return null; });
        Path svg = dir.resolve("figure-1.svg");
        FxTestWait.until("the SVG file", () -> Files.exists(svg));
        assertEquals("svg", parse(svg).getDocumentElement().getLocalName(), "the filter's format, its extension added");

        fx(() -> { viewer.getContextMenu().getItems().get(1).fire(); return null; });
        Image copied = fx(() -> Clipboard.getSystemClipboard().getImage());
        // Monocle's headless clipboard keeps what was put on it, so the test reads it back.
        assertNotNull(copied, "the clipboard holds an image");
        assertEquals(Figures.WIDTH * Figures.PNG_SCALE, copied.getWidth(), 0);
        assertTrue(copied.getHeight() > Figures.CHART_HEIGHT * Figures.PNG_SCALE, "with its caption strip");
    }

    @Test
    void aPictureExportsAndCopiesAtItsNativeSizePixelForPixel() throws Exception {
        int[] argb = new int[7 * 3];
        for (int i = 0; i < argb.length; i++) argb[i] = 0xff000000 | (i * 12) << 16 | (255 - i * 12);
        Picture p = new Picture(7, 3, argb);
        Path chosen = dir.resolve("strip");
        figures.setSaveDialog((owner, name, formats) -> {
            assertEquals(List.of(Figures.Format.PNG), formats, "pictures are PNG only");
            return Figures.target(chosen, formats.get(0));
        });
        ImageView node = fx(ImageView::new);
        var menu = fx(() -> figures.install(node, "strip", () -> p));
        fx(() -> { menu.getItems().get(0).fire(); return null; });
        Path png = dir.resolve("strip.png");
        FxTestWait.until("the PNG file", () -> Files.exists(png));
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(7, read.getWidth());
        assertEquals(3, read.getHeight());
        for (int y = 0; y < 3; y++) for (int x = 0; x < 7; x++) assertEquals(p.pixel(x, y), read.getRGB(x, y), "pixel " + x + "," + y);

        Image copied = fx(() -> figures.copyPicture(p));
        assertEquals(7, copied.getWidth(), 0);
        assertEquals(p.pixel(4, 2), (int) fx(() -> copied.getPixelReader().getArgb(4, 2)));
    }

    @Test
    void theChosenNameKeepsAKnownExtensionElseGetsTheFiltersOne() {
        assertEquals(Path.of("a", "fig.svg"), Figures.target(Path.of("a", "fig"), Figures.Format.SVG));
        assertEquals(Path.of("a", "fig.PNG"), Figures.target(Path.of("a", "fig.PNG"), Figures.Format.SVG), "a typed extension wins over the filter");
        assertEquals(Path.of("fig.v2.png"), Figures.target(Path.of("fig.v2"), Figures.Format.PNG));
        assertEquals(Figures.Format.SVG, Figures.Format.of(Path.of("x.SVG")));
        assertNull(Figures.Format.of(Path.of("x.pdf")));
    }

    @Test
    void aFileThatCannotBeWrittenIsOneMessageNamingIt() throws Exception {
        ChartsViewModel charts = twoRuns();
        Path blocked = dir.resolve("not-a-folder");
        Files.writeString(blocked, "a file");
        Path file = blocked.resolve("cost.svg");
        var f = fx(() -> figures.exportChart(charts.rendered().get(ChartsViewModel.COST), "caption", file));
        assertThrows(Exception.class, () -> f.get(20, TimeUnit.SECONDS));
        FxTestWait.until("the error", () -> !errors.isEmpty());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("cannot write " + file + ": "), errors.get(0));
    }

    @Test
    void aPipeIsNeverReplacedByAFigure() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
        ChartsViewModel charts = twoRuns();
        var f = fx(() -> figures.exportChart(charts.rendered().get(ChartsViewModel.COST), "caption", fifo));
        assertThrows(Exception.class, () -> f.get(20, TimeUnit.SECONDS));
        FxTestWait.until("the error", () -> !errors.isEmpty());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("not a regular file"), errors.get(0));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the pipe is still there, not replaced");
    }

    /** Waits for a condition off the FX thread (the worker writes the files). */
    private static final class FxTestWait {
        static void until(String what, Callable<Boolean> condition) throws Exception {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
            assertTrue(condition.call(), what);
        }
    }
}
