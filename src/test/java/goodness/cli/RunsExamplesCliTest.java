package goodness.cli;

import goodness.runs.ExampleRuns;
import goodness.runs.RunFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code runs --examples}: the example runs that come with Goodness, after the store's runs. */
class RunsExamplesCliTest {
    @TempDir
    Path tmp;
    private final String previous = System.getProperty(ExampleRuns.DIR_PROPERTY);

    @AfterEach
    void restore() {
        if (previous == null) System.clearProperty(ExampleRuns.DIR_PROPERTY);
        else System.setProperty(ExampleRuns.DIR_PROPERTY, previous);
    }

    private static void copy(String example, Path into, String name) throws IOException {
        Path from = ExampleRuns.RELATIVE.resolve(example), to = Files.createDirectories(into.resolve(name));
        for (String f : List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.RESULT, RunFolder.RUN)) Files.copy(from.resolve(f), to.resolve(f));
    }

    @Test
    void theExamplesFollowTheStoresRunsNamedAsExamplesAndADamagedOneIsNamed() throws IOException {
        Path store = tmp.resolve("store"), examples = tmp.resolve("examples");
        copy("recipeA-5ep-mask", store, "mine");
        copy("recipeA-5ep-hard", examples, "recipeA-5ep-hard");
        Files.writeString(Files.createDirectories(examples.resolve("broken")).resolve(RunFolder.CONFIG), "{");
        System.setProperty(ExampleRuns.DIR_PROPERTY, examples.toString());

        CliRunner.Result r = CliRunner.run("runs", "--runs-dir", store.toString(), "--examples");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(1).startsWith("mine "), r.out());
        assertTrue(lines.get(2).startsWith("example:recipeA-5ep-hard "), r.out());
        assertTrue(lines.get(3).startsWith("example:broken ") && lines.get(3).contains("damaged"), r.out());
        assertTrue(r.err().startsWith("goodness: damaged: " + examples.resolve("broken").resolve(RunFolder.CONFIG)), r.err());

        CliRunner.Result plain = CliRunner.run("runs", "--runs-dir", store.toString());
        assertEquals(2, plain.out().lines().count(), "without --examples only the store:\n" + plain.out());
    }

    @Test
    void anExamplesFolderThatIsNotThereIsOneLineNamingIt() throws IOException {
        Path absent = tmp.resolve("absent");
        System.setProperty(ExampleRuns.DIR_PROPERTY, absent.toString());
        CliRunner.Result r = CliRunner.run("runs", "--runs-dir", Files.createDirectories(tmp.resolve("store")).toString(), "--examples");
        assertEquals(1, r.code());
        assertEquals("goodness: no examples folder: -Dgoodness.examplesDir names " + absent + ", which is not a folder", r.err().strip());
    }
}
