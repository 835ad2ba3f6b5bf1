package goodness.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every user error is one line "goodness: …" on stderr, a non-zero exit code and no stack trace. */
class CliErrorsTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void tinyModel() {
        Path dir = tmp.resolve("run");
        String[] a = TrainEvalCliTest.args("train", "--out", dir.toString());
        CliRunner.Result r = CliRunner.run(a);
        assertEquals(0, r.code(), r.err());
        model = dir.resolve("model.ffm");
    }

    /** Asserts one "goodness: " line (plus picocli's help hint for usage errors) that contains {@code expected}. */
    static CliRunner.Result fails(String expected, String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertNotEquals(0, r.code(), "exit code of " + Arrays.toString(args));
        String line = r.errorLine();
        assertEquals(1, line.lines().count(), "one error line: " + r.err());
        assertTrue(line.startsWith("goodness: "), r.err());
        assertTrue(line.toLowerCase().contains(expected.toLowerCase()), "'" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("at goodness."), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        return r;
    }

    @Test
    void unknownOptionExitsWith2() {
        CliRunner.Result r = fails("unknown option", "train", "--bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bogus"));
    }

    @Test
    void unknownCommandExitsWith2() {
        assertEquals(2, fails("frobnicate", "frobnicate").code());
    }

    @Test
    void zeroEpochsNamesTheEpochs() {
        fails("epochs", "train", "--epochs", "0", "--out", tmp.resolve("e0").toString());
    }

    @Test
    void badStopAfter() {
        fails("--stop-after", "train", "--stop-after", "0", "--out", tmp.resolve("s0").toString());
    }

    @Test
    void missingModelFile() {
        Path missing = tmp.resolve("nope.ffm");
        fails(missing + ": file not found", "eval", "--model", missing.toString());
        fails(missing + ": file not found", "predict", "--model", missing.toString(), "x.png");
    }

    @Test
    void randomBytesAreNotAModel() throws IOException {
        byte[] junk = new byte[5000];
        new Random(7).nextBytes(junk);
        Path f = tmp.resolve("junk.ffm");
        Files.write(f, junk);
        fails(f + ": not a Goodness", "eval", "--model", f.toString());
        fails(f + ": not a Goodness", "predict", "--model", f.toString(), "x.png");
    }

    @Test
    void truncatedModelIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path f = tmp.resolve("truncated.ffm");
        Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
        fails(f.toString(), "eval", "--model", f.toString());
        fails("truncated", "predict", "--model", f.toString(), "x.png");
    }

    @Test
    void flippedByteIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x40;
        Path f = tmp.resolve("flipped.ffm");
        Files.write(f, bytes);
        fails("corrupt", "eval", "--model", f.toString());
    }

    @Test
    void folderInsteadOfModel() {
        fails("is a folder", "eval", "--model", tmp.toString());
    }

    @Test
    void resumeFromAModelFileExplainsWhy() {
        fails("model file", "train", "--resume", model.toString());
    }

    @Test
    void missingDataFolder() {
        fails("/nonexistent", "train", "--data", "/nonexistent", "--out", tmp.resolve("nd").toString());
        fails("data set folder not found", "eval", "--data", "/nonexistent", "--model", model.toString());
        fails("data set folder not found", "bench", "--quick", "--data", "/nonexistent");
    }

    @Test
    void badBenchOptions() {
        assertEquals(2, fails("unknown backend", "bench", "--quick", "--backends", "cuda").code());
        fails("--repeats", "bench", "--repeats", "0");
    }

    @Test
    void badBackendForEval() {
        fails("unknown matrix backend", "eval", "--model", model.toString(), "--backend", "cuda");
    }
}
