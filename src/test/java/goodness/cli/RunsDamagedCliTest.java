package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.runs.RunFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code runs} with a hostile store: damaged runs are rows with their reason, and nothing from a file reaches the terminal raw. */
class RunsDamagedCliTest {
    @TempDir
    Path store;

    private static void assertNoControlCharacters(String text) {
        for (String line : text.lines().toList())
            for (char c : line.toCharArray()) assertFalse(c < 0x20 && c != '\t' || c == 0x7f || (c >= 0x80 && c <= 0x9f), () -> "raw control character in: " + line);
    }

    @Test
    void namesAndMessagesWithNewlinesOrEscapeCodesArePrintedEscaped() throws IOException {
        Path weird = RunFolders.finished(store.resolve("run\nfake-row\u001b[31mred"), 3);
        Files.writeString(weird.resolve("run.json"), RunFolders.runJson("stopped", "2").replace("finished: 522/10000 test errors (energy)",
                "stopped\\n\\u001b]0;title\\u0007\\u001b[2J"));
        Files.writeString(RunFolders.finished(store.resolve("bad\u001b[2Jname"), 3).resolve("run.json"), RunFolders.runJson("finished\\u001b[2J", "3"));
        CliRunner.Result r = CliRunner.run("runs", "--runs-dir", store.toString());
        assertEquals(0, r.code(), r.err());
        assertNoControlCharacters(r.out());
        assertNoControlCharacters(r.err());
        assertEquals(3, r.out().lines().count(), "header, the run and the damaged run:\n" + r.out());
        assertTrue(r.out().contains("run\\nfake-row\\x1b[31mred"), r.out());
        assertTrue(r.out().contains("stopped\\n\\x1b]0;title\\x07\\x1b[2J"), r.out());
        assertTrue(r.out().contains("bad\\x1b[2Jname") && r.out().contains("damaged"), r.out());
        assertTrue(r.err().contains("unknown run status 'finished\\x1b[2J'"), r.err());
    }

    @Test
    void aDamagedRunIsARowInTheTableAndInTheJsonWithItsReason() throws IOException {
        RunFolders.finished(store.resolve("good"), 3);
        Files.writeString(RunFolders.finished(store.resolve("wrapped"), 3).resolve("result.json"), RunFolders.result("4294967303"));
        Path zero = RunFolders.finished(store.resolve("zero"), 3);
        Files.delete(zero.resolve("metrics.jsonl"));
        Files.createSymbolicLink(zero.resolve("metrics.jsonl"), Path.of("/dev/zero"));

        CliRunner.Result table = CliRunner.run("runs", "--runs-dir", store.toString());
        assertEquals(0, table.code(), table.err());
        List<String> lines = table.out().lines().toList();
        assertEquals(4, lines.size(), table.out());
        assertTrue(lines.get(1).startsWith("good ") && lines.get(1).contains("finished"), table.out());
        assertTrue(lines.get(2).startsWith("wrapped ") && lines.get(2).contains("damaged") && lines.get(2).contains("result.json: "), table.out());
        assertTrue(lines.get(3).startsWith("zero ") && lines.get(3).contains("metrics.jsonl: is a pipe, device or socket"), table.out());
        assertEquals(2, table.err().lines().count(), table.err());
        assertTrue(table.err().startsWith("goodness: damaged: " + store.resolve("wrapped").resolve("result.json") + ": "), table.err());

        CliRunner.Result json = CliRunner.run("runs", "--runs-dir", store.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        List<JsonObject> rows = json.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(3, rows.size(), json.out());
        assertEquals("finished", rows.get(0).get("status").getAsString());
        JsonObject wrapped = rows.get(1);
        assertEquals("wrapped", wrapped.get("name").getAsString());
        assertEquals("damaged", wrapped.get("status").getAsString());
        assertTrue(wrapped.get("problem").getAsString().contains("4294967303"), wrapped.toString());
        assertEquals("zero", rows.get(2).get("name").getAsString());
    }
}
