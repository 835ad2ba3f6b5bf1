package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code experiment separation} on a tiny budget: CSV, Markdown, JSON, resume. */
class ExperimentCommandTest {

    private static List<JsonObject> run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = GoodnessCli.run(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc, bytes.toString(StandardCharsets.UTF_8));
        List<JsonObject> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n"))
            if (line.startsWith("{")) out.add(JsonParser.parseString(line).getAsJsonObject());
        return out;
    }

    @Test
    void twoCellsThenResumeSkipsThem(@TempDir Path dir) throws Exception {
        String[] args = {"experiment", "separation", "--dataset", "mnist", "--negatives", "random", "--table", "1",
                "--epochs", "1", "--steps", "1", "--train-limit", "512", "--phases", "2", "--threads", "1",
                "--seed", "7", "--out", dir.toString(), "--json", "--no-progress"};
        List<JsonObject> cells = run(args);
        assertEquals(2, cells.size());
        assertEquals("unseparated", cells.get(0).get("phase").getAsString(), "the baseline runs first");
        assertEquals(2, cells.get(1).get("phase").getAsInt());
        for (JsonObject c : cells) {
            assertEquals("mnist", c.get("dataset").getAsString());
            assertEquals("random", c.get("negatives").getAsString());
            double acc = c.get("accuracy").getAsDouble();
            assertTrue(acc >= 0 && acc <= 1);
            assertEquals(1, c.get("epochs").getAsInt());
            assertEquals(1, c.get("steps").getAsInt());
            assertEquals(7, c.get("seed").getAsLong());
            assertFalse(c.get("resumed").getAsBoolean());
        }

        List<String> csv = Files.readAllLines(dir.resolve("cells.csv"));
        assertEquals(3, csv.size());
        assertEquals(SeparationExperiment.CSV_HEADER, csv.get(0));
        assertTrue(csv.get(1).startsWith("mnist,random,1,unseparated,1,1,512,512,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("mnist,random,1,2,1,1,512,512,"), csv.get(2));

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| Dataset | Negative data | Unseparated | 2 |"), md);
        assertTrue(md.contains("| MNIST | Wrong label (seed 003) | 97.7% | 88.0% |"), md);
        assertTrue(md.contains("| MNIST | Wrong label (this run) |"), md);
        assertTrue(md.contains("1 epochs x 1 Adam steps"), md);
        assertTrue(md.contains("Seed: 7"), md);

        // Same budget again: nothing is retrained, the CSV is unchanged, the same figures come back.
        List<JsonObject> again = run(args);
        assertEquals(2, again.size());
        for (int i = 0; i < 2; i++) {
            assertTrue(again.get(i).get("resumed").getAsBoolean());
            assertEquals(cells.get(i).get("accuracy").getAsDouble(), again.get(i).get("accuracy").getAsDouble(), 1e-4);
        }
        assertEquals(csv, Files.readAllLines(dir.resolve("cells.csv")));
    }

    @Test
    void rejectsHardNegativesAndBadTable() {
        assertNotEquals(0, GoodnessCli.run("experiment", "separation", "--negatives", "hard", "--epochs", "1"));
        assertNotEquals(0, GoodnessCli.run("experiment", "separation", "--table", "3"));
    }
}
