package goodness.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Where the examples that come with the app are found, and that the committed ones read as runs. */
class ExampleRunsTest {
    /** The committed examples, relative to the project (the tests' working folder). */
    private static final Path COMMITTED = ExampleRuns.RELATIVE;

    @Test
    void aFolderNamedByThePropertyWinsAndOneThatDoesNotExistMeansNoExamples(@TempDir Path tmp) throws IOException {
        Path named = Files.createDirectories(tmp.resolve("mine"));
        Files.createDirectories(tmp.resolve("clone").resolve(ExampleRuns.RELATIVE));
        assertEquals(named, ExampleRuns.find(named.toString(), tmp.resolve("clone"), null));
        assertNull(ExampleRuns.find(tmp.resolve("absent").toString(), tmp.resolve("clone"), null),
                "a named folder that is not there is not replaced by another one");
    }

    @Test
    void otherwiseAssetsRunsInTheWorkingFolderOrAFolderAboveIt(@TempDir Path tmp) throws IOException {
        Path clone = tmp.resolve("clone");
        Path examples = Files.createDirectories(clone.resolve(ExampleRuns.RELATIVE));
        Path deeper = Files.createDirectories(clone.resolve("target").resolve("classes"));
        assertEquals(examples, ExampleRuns.find(null, clone, null));
        assertEquals(examples, ExampleRuns.find(" ", deeper, null), "found from a folder inside the clone");
    }

    @Test
    void otherwiseBesideTheDataFolderAsAnInstalledAppShipsThem(@TempDir Path tmp) throws IOException {
        Path app = tmp.resolve("image").resolve("lib").resolve("app");
        Path data = Files.createDirectories(app.resolve("data"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        assertNull(ExampleRuns.find(null, home, data), "an installation without examples has none");
        Path examples = Files.createDirectories(app.resolve(ExampleRuns.RELATIVE));
        assertEquals(examples, ExampleRuns.find(null, home, data));
    }

    @Test
    void exampleNamesCarryTheirFolderName() {
        assertEquals("example:hinton-fast", ExampleRuns.id("hinton-fast"));
        assertTrue(ExampleRuns.isId("example:hinton-fast"));
        assertFalse(ExampleRuns.isId("hinton-fast"));
        assertEquals("hinton-fast", ExampleRuns.folderName("example:hinton-fast"));
        assertThrows(IllegalArgumentException.class, () -> ExampleRuns.folderName("hinton-fast"));
    }

    @Test
    void everyCommittedRunFolderListsAsARunAndTheOtherFilesAreLeftOut() throws IOException {
        RunStore.Listing l = new RunStore(COMMITTED).scan();
        assertEquals(List.of(), l.problems(), "no committed example is damaged");
        List<String> runFolders = new ArrayList<>();
        try (var s = Files.list(COMMITTED)) {
            s.filter(d -> Files.isRegularFile(d.resolve(RunFolder.CONFIG))).forEach(d -> runFolders.add(d.getFileName().toString()));
        }
        assertEquals(runFolders.stream().sorted().toList(), l.runs().stream().map(RunSummary::name).sorted().toList());
        assertTrue(Files.isDirectory(COMMITTED.resolve("hinton-plus-mistakes")), "a folder that is not a run is there, and not listed");

        // The bundled model's own run (its config is checked against the model in HintonPlusTest).
        RunSummary bundled = l.runs().stream().filter(r -> r.name().equals(ExampleRuns.BUNDLED_MODEL_RUN)).findFirst().orElseThrow();
        assertEquals(RunStatus.FINISHED, bundled.status());
        assertEquals(64, bundled.testEnergyErrors(), "the README's 0.64 % of the bundled model");
    }
}
