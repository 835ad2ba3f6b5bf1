package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code runs export} and {@code runs import}: a stopped run moved to another store through one
 * zip file is the same run there; it is listed as imported and resumes like any other.
 */
class RunsArchiveCliTest {
    @TempDir
    static Path tmp;
    static Path home;
    static String name;

    @BeforeAll
    static void aStoppedRun() {
        home = tmp.resolve("home");
        CliRunner.Result r = CliRunner.run(TrainEvalCliTest.args("train", "--runs-dir", home.toString(), "--stop-after", "1"));
        assertEquals(0, r.code(), r.err());
        name = RunsCliTest.only(home).getFileName().toString();
    }

    @Test
    void anExportedRunImportsByteForByteListsAsImportedAndResumes() throws IOException {
        Path zip = tmp.resolve("shared.zip");
        CliRunner.Result out = CliRunner.run("runs", "export", name, "--to", zip.toString(), "--runs-dir", home.toString());
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().startsWith("exported " + name + " (5 files, "), out.out());

        Path away = tmp.resolve("away");
        CliRunner.Result in = CliRunner.run("runs", "import", zip.toString(), "--runs-dir", away.toString());
        assertEquals(0, in.code(), in.err());
        assertEquals("imported " + name + " from " + zip + " into " + away, in.out().strip());
        Map<String, byte[]> before = files(home.resolve(name)), after = files(away.resolve(name));
        before.remove("run.lock");
        assertNotNull(after.remove("imported.json"));
        assertEquals(before.keySet(), after.keySet());
        assertTrue(after.containsKey("checkpoint.bin"), after.keySet().toString());
        for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f);

        CliRunner.Result table = CliRunner.run("runs", "--runs-dir", away.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().lines().skip(1).findFirst().orElseThrow().endsWith("; imported from shared.zip"), table.out());
        JsonObject listed = JsonParser.parseString(CliRunner.run("runs", "--runs-dir", away.toString(), "--json").out()).getAsJsonObject();
        assertEquals("shared.zip", listed.getAsJsonObject("imported").get("archive").getAsString());
        assertEquals(name, listed.getAsJsonObject("imported").get("original_name").getAsString());
        assertEquals("stopped", listed.get("status").getAsString());

        CliRunner.Result resumed = CliRunner.run("train", "--resume", away.resolve(name).resolve("checkpoint.bin").toString(), "--no-progress");
        assertEquals(0, resumed.code(), resumed.err());
        JsonObject done = JsonParser.parseString(CliRunner.run("runs", "--runs-dir", away.toString(), "--json").out()).getAsJsonObject();
        assertEquals("finished", done.get("status").getAsString());
        assertEquals(2, done.get("epochs_done").getAsInt());
        assertEquals("shared.zip", done.getAsJsonObject("imported").get("archive").getAsString(), "the resumed run is still marked imported");
        assertTrue(Files.exists(away.resolve(name).resolve("model.ffm")));

        CliRunner.Result again = CliRunner.run("runs", "import", zip.toString(), "--runs-dir", away.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals("imported " + name + "-2 from " + zip + " into " + away + " (the store already has a run named " + name + ")",
                again.out().strip());
    }

    @Test
    void aRefusedImportIsOneLineAndExitCodeOne() throws IOException {
        Path notZip = Files.writeString(tmp.resolve("notes.zip"), "just text");
        Path store = tmp.resolve("untouched");
        CliRunner.Result r = CliRunner.run("runs", "import", notZip.toString(), "--runs-dir", store.toString());
        assertEquals(1, r.code());
        assertEquals("goodness: " + notZip + ": not imported: is not a zip archive, or is cut short", r.err().strip());
        assertFalse(Files.exists(store), "a refused archive does not even make the store's folder");
    }

    @Test
    void exportRefusesTheRunsOwnCheckpointAPipeAndAnUnknownRun() {
        Path checkpoint = home.resolve(name).resolve("checkpoint.bin");
        CliRunner.Result own = CliRunner.run("runs", "export", name, "--to", checkpoint.toString(), "--runs-dir", home.toString());
        assertEquals(1, own.code());
        assertEquals("goodness: --to " + checkpoint + ": is " + checkpoint + ", which this command reads; choose another file for the output",
                own.err().strip());

        Path fifo = tmp.resolve("fifo");
        goodness.runs.RunFolders.fifo(fifo);
        CliRunner.Result pipe = CliRunner.run("runs", "export", name, "--to", fifo.toString(), "--runs-dir", home.toString());
        assertEquals(1, pipe.code());
        assertTrue(pipe.err().startsWith("goodness: --to " + fifo + ": is not a regular file"), pipe.err());

        CliRunner.Result none = CliRunner.run("runs", "export", "nope", "--to", tmp.resolve("n.zip").toString(), "--runs-dir", home.toString());
        assertEquals(1, none.code());
        assertEquals("goodness: " + home.resolve("nope") + ": no such run in " + home, none.err().strip());
        assertFalse(Files.exists(tmp.resolve("n.zip")));
    }

    @Test
    void exportHelpSaysWhatTheArchiveHolds() {
        CliRunner.Result help = CliRunner.run("runs", "export", "--help");
        assertEquals(0, help.code());
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("checkpoint.bin and model.ffm as present"), text);
        assertTrue(text.contains("run.lock, temporary files and any other file are left out"), text);
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) out.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return out;
    }
}
