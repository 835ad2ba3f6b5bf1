package goodness.cli;

import goodness.data.DatasetLoader;
import goodness.ff.FFNetwork;
import goodness.ff.io.Checkpoints;
import goodness.ff.io.DefaultModel;
import goodness.fuzz.Fuzz;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The command line against hostile input, as the issue found it: every problem is one line on
 * stderr naming the file or field, with a non-zero exit, never a trace, a hang or lost work.
 */
class HostileInputCliTest {
    @TempDir
    Path tmp;

    private static void assertOneCleanLine(String line, String... parts) {
        assertFalse(line.contains("\n"), "one line: " + line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), "no internal exception: " + line);
        for (String p : parts) assertTrue(line.contains(p), "should mention '" + p + "': " + line);
    }

    @Test
    void predictGoesOnAfterAPipeAndAPictureThatDeclaresGigabytes() throws IOException, InterruptedException {
        Assumptions.assumeTrue(new File("/usr/bin/mkfifo").canExecute(), "needs mkfifo");
        Path fifo = tmp.resolve("x.png");
        assertEquals(0, new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor());
        Path huge = tmp.resolve("huge.jpg");
        Files.write(huge, jpegDeclaring(20_000, 20_000));
        Path good = tmp.resolve("good.png");
        BufferedImage digit = new BufferedImage(60, 60, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 10; y < 50; y++) digit.getRaster().setSample(30, y, 0, 255);
        ImageIO.write(digit, "png", good.toFile());

        CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRunner.run("predict", "--json", fifo.toString(), huge.toString(), good.toString()));
        assertEquals(1, r.code(), "a bad image makes the exit code non-zero");
        List<String> errors = r.err().lines().toList();
        assertEquals(2, errors.size(), r.err());
        assertOneCleanLine(errors.get(0), fifo.toString(), "not a regular file");
        assertOneCleanLine(errors.get(1), huge.toString(), "20000x20000", "megapixels");
        assertEquals(1, r.out().lines().count(), "the good image after the bad ones is still predicted: " + r.out());
        assertTrue(r.out().contains(good.toString()), r.out());
    }

    /** A real 16x16 JPEG whose frame header (SOF0) is rewritten to declare {@code w x h} pixels. */
    static byte[] jpegDeclaring(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "jpg", out);
        byte[] b = out.toByteArray();
        for (int i = 2; i + 8 < b.length; i++)
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(b, i + 5, 4).putShort((short) h).putShort((short) w);
                return b;
            }
        throw new AssertionError("no SOF0 marker");
    }

    @Test
    void anEmptyTestSetIsRefusedNotScoredAsNaN() throws IOException {
        dataSet(tmp, 10_200, 0);
        CliRunner.Result r = CliRunner.run("eval", "--data", tmp.toString());
        assertEquals(1, r.code());
        assertOneCleanLine(r.errorLine(), "t10k-images-idx3-ubyte.gz", "holds no images");
        assertFalse(r.out().contains("NaN"), r.out());
    }

    @Test
    void trainAndEvalJudgeA10001ImageTrainFileTheSameWay() throws IOException {
        dataSet(tmp, 10_001, 20);
        CliRunner.Result eval = CliRunner.run("eval", "--data", tmp.toString());
        CliRunner.Result train = CliRunner.run("train", "--data", tmp.toString(), "--epochs", "1", "--out", tmp.resolve("run").toString());
        assertEquals(1, eval.code());
        assertEquals(1, train.code());
        assertOneCleanLine(eval.errorLine(), "train-images-idx3-ubyte.gz", "leaves 1 training images, fewer than one batch of 100");
        assertEquals(eval.errorLine(), train.errorLine());
    }

    @Test
    void layersTooWideForTheHeapAreRefusedWithTheFigureAndTheHeap() {
        CliRunner.Result r = CliRunner.run("train", "--hidden", "30000,30000", "--epochs", "1", "--train-limit", "100",
                "--out", tmp.resolve("wide").toString());
        assertEquals(1, r.code());
        assertOneCleanLine(r.errorLine(), "invalid hiddenSizes", "784-30000-30000", "needs about", "GiB", "heap of at most");

        CliRunner.Result beyond = CliRunner.run("train", "--hidden", "100000,100000", "--epochs", "1", "--out", tmp.resolve("w2").toString());
        assertEquals(1, beyond.code());
        assertOneCleanLine(beyond.errorLine(), "invalid hiddenSizes", "100000x100000", "more than one Java array holds");
    }

    @Test
    void aModelWithANaNWeightBehindAValidChecksumIsRefusedByField() throws IOException {
        FFNetwork net = DefaultModel.load();
        net.weights[1].data[123] = Float.NaN;
        Path model = tmp.resolve("nan.ffm");
        Checkpoints.saveModel(net, model);
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString());
        assertEquals(1, r.code());
        assertOneCleanLine(r.errorLine(), model.toString(), "W2: entry 123 is NaN");

        // A checksum recomputed over a damaged config: the field is named, not Gson's internals.
        byte[] b = Files.readAllBytes(model);
        String json = new String(b, 20, ByteBuffer.wrap(b, 16, 4).getInt(), java.nio.charset.StandardCharsets.UTF_8);
        // Whatever the bundled model's epoch count (125 for recipe A, 200 for hinton-plus).
        String bad = json.replaceFirst("\"epochs\":\\d+", "\"epochs\":\"many\"");
        assertNotEquals(json, bad);
        byte[] badJson = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, 16);
        out.write(ByteBuffer.allocate(4).putInt(badJson.length).array());
        out.write(badJson);
        out.write(b, 20 + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, b.length - 20 - json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        Path config = Files.write(tmp.resolve("config.ffm"), Fuzz.withFreshChecksum(out.toByteArray()));
        CliRunner.Result c = CliRunner.run("predict", "--model", config.toString(), "x.png");
        assertEquals(1, c.code());
        assertOneCleanLine(c.errorLine(), config.toString(), "config: invalid epochs: must be a number");
    }

    @Test
    void outOfMemoryIsOneLineWithTheHeapSize() {
        String line = GoodnessCli.describe(new OutOfMemoryError("Java heap space"));
        assertOneCleanLine(line, "out of memory", "heap is at most", "-Xmx");
    }

    /** A data folder {@code root/mnist} with {@code train} and {@code test} gzipped 28x28 images. */
    static void dataSet(Path root, int train, int test) throws IOException {
        Path dir = Files.createDirectories(root.resolve("mnist"));
        gzip(dir.resolve(DatasetLoader.TRAIN_IMAGES), idx(0x803, train, true));
        gzip(dir.resolve(DatasetLoader.TRAIN_LABELS), idx(0x801, train, false));
        gzip(dir.resolve(DatasetLoader.TEST_IMAGES), idx(0x803, test, true));
        gzip(dir.resolve(DatasetLoader.TEST_LABELS), idx(0x801, test, false));
    }

    private static byte[] idx(int magic, int count, boolean images) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        d.writeInt(count);
        if (images) {
            d.writeInt(28);
            d.writeInt(28);
            d.write(new byte[count * 784]);
        } else {
            for (int i = 0; i < count; i++) d.write(i % 10);
        }
        return b.toByteArray();
    }

    private static void gzip(Path file, byte[] raw) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(raw);
        }
    }
}
