package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.data.DataSplits;
import goodness.data.Dataset;
import goodness.data.DatasetLoader;
import goodness.data.SplitKind;
import goodness.drawings.AppDrawings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code predict} with the bundled default model on MNIST test digits written as large PNGs. */
class PredictCliTest {
    @TempDir
    static Path tmp;
    /** MNIST test image 0 (a clear 7), 200x200, dark ink on white ({@link AppDrawings}: scripts/drawing-expectations.sh predicts it with any model). */
    static Path seven;
    static int sevenLabel;

    @BeforeAll
    static void writeDigit() throws IOException {
        DataSplits d = DatasetLoader.load(DatasetLoader.defaultDataRoot(), Dataset.MNIST, SplitKind.HINTON, 1);
        sevenLabel = d.test().label(AppDrawings.TEST_IMAGE);
        seven = tmp.resolve("seven.png");
        ImageIO.write(AppDrawings.darkOnWhite(d.test(), AppDrawings.TEST_IMAGE, AppDrawings.TEST_IMAGE_PNG_SIZE), "png", seven.toFile());
    }

    @Test
    void bundledModelReadsTheSevenAndJsonHasEveryField() {
        assertEquals(AppDrawings.TEST_IMAGE_LABEL, sevenLabel, "MNIST test image 0 is a 7");
        CliRunner.Result r = CliRunner.run("predict", "--json", seven.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonObject o = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals(seven.toString(), o.get("file").getAsString());
        assertEquals(7, o.get("energy_label").getAsInt());
        assertEquals(7, o.get("softmax_label").getAsInt());
        assertEquals(10, o.getAsJsonArray("goodness").size());
        assertEquals(3, o.getAsJsonArray("goodness_per_layer").size());
        for (var layer : o.getAsJsonArray("goodness_per_layer")) assertEquals(10, layer.getAsJsonArray().size());
        assertEquals(10, o.getAsJsonArray("softmax").size());
        double sum = 0;
        for (var p : o.getAsJsonArray("softmax")) sum += p.getAsDouble();
        assertEquals(1.0, sum, 1e-3);
        assertFalse(o.get("empty").getAsBoolean());
        // energy_label is the argmax of goodness (the energy scores).
        int best = 0;
        for (int c = 1; c < 10; c++) if (o.getAsJsonArray("goodness").get(c).getAsDouble() > o.getAsJsonArray("goodness").get(best).getAsDouble()) best = c;
        assertEquals(7, best);
    }

    @Test
    void humanOutputWithPreview() {
        CliRunner.Result r = CliRunner.run("predict", "--show", seven.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(seven + " (200x200): energy 7, softmax 7"), r.out());
        assertTrue(r.out().contains("energy by label:") && r.out().contains("*7:"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("  |") && l.endsWith("|") && l.length() == 2 + 1 + 56 + 1).count() == 28, r.out());
        assertTrue(r.out().contains("@"), "ink in the preview");
    }

    @Test
    void blankImageIsReportedEmpty() throws IOException {
        BufferedImage white = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) white.setRGB(x, y, 0xFFFFFF);
        Path blank = tmp.resolve("blank.jpg");
        ImageIO.write(white, "jpg", blank.toFile());
        CliRunner.Result r = CliRunner.run("predict", "--json", blank.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(JsonParser.parseString(r.out().trim()).getAsJsonObject().get("empty").getAsBoolean());
    }

    @Test
    void badFilesAreReportedOneLineEachAndTheOthersStillPredicted() throws IOException {
        Path garbage = tmp.resolve("garbage.png");
        Files.writeString(garbage, "this is not a PNG");
        Path missing = tmp.resolve("missing.png");
        CliRunner.Result r = CliRunner.run("predict", "--json", missing.toString(), garbage.toString(), seven.toString());
        assertEquals(1, r.code());
        List<String> err = r.err().lines().toList();
        assertEquals(2, err.size(), r.err());
        assertEquals("goodness: " + missing + ": file not found", err.get(0));
        assertTrue(err.get(1).startsWith("goodness: " + garbage + ": "), err.get(1));
        assertFalse(r.err().contains("at goodness."));
        List<String> out = r.out().lines().toList();
        assertEquals(1, out.size(), r.out());
        assertEquals(7, JsonParser.parseString(out.get(0)).getAsJsonObject().get("energy_label").getAsInt());
    }
}
