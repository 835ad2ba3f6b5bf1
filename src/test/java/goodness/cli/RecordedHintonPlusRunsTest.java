package goodness.cli;

import goodness.ff.FFConfig;
import goodness.ff.io.ConfigJson;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hinton-plus preset changed after a dozen runs were made with its earlier values; the
 * README's commands for those runs ({@code assets/runs/hinton-plus-commands.txt}) must still make
 * exactly the runs whose results it reports.
 */
class RecordedHintonPlusRunsTest {
    private static final Path RUNS = Path.of("assets", "runs");
    private static final Path COMMANDS = RUNS.resolve("hinton-plus-commands.txt");

    @Test
    void eachRecordedCommandBuildsExactlyTheConfigItsRunWasTrainedWith() throws IOException {
        Map<String, String> commands = commands();
        assertFalse(commands.isEmpty(), COMMANDS + " lists no run");
        for (Map.Entry<String, String> e : commands.entrySet()) {
            Path config = RUNS.resolve(e.getKey()).resolve("config.json");
            assertTrue(Files.isRegularFile(config), config + " is missing");
            FFConfig recorded = ConfigJson.parse(Files.readString(config));
            ConfigOptions options = new ConfigOptions();
            new CommandLine(options).parseArgs(e.getValue().split(" +"));
            FFConfig rebuilt = options.toConfig().toBuilder().threads(recorded.threads()).build();
            assertEquals(recorded, rebuilt, e.getKey() + ": " + e.getValue());
        }
    }

    @Test
    void everyHintonPlusRunFolderHasARecordedCommand() throws IOException {
        TreeSet<String> folders = new TreeSet<>();
        try (Stream<Path> s = Files.list(RUNS)) {
            s.filter(p -> Files.isRegularFile(p.resolve("config.json")))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("hinton-plus"))
                    .forEach(folders::add);
        }
        assertTrue(folders.size() >= 12, "the twelve runs of issue 15 are in " + RUNS + ": " + folders);
        assertEquals(folders, new TreeSet<>(commands().keySet()));
    }

    private static Map<String, String> commands() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(COMMANDS);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t", 2);
            assertEquals(2, parts.length, "folder<TAB>options: " + line);
            assertNull(out.put(parts[0], parts[1].trim()), "listed twice: " + parts[0]);
        }
        return out;
    }
}
