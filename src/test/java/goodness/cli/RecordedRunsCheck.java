package goodness.cli;

import goodness.ff.FFConfig;
import goodness.ff.io.ConfigJson;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks the lab's records of the full hinton-plus runs, not the code: each line of
 * {@code RUNS/hinton-plus-commands.txt} (a run folder, a tab, the options after
 * {@code train}), parsed with the CLI's own options, must build exactly the config in that
 * folder's {@code config.json} (apart from {@code --threads}), and every {@code hinton-plus*}
 * folder with a config must have its line. Run by {@code scripts/check-recorded-runs.sh};
 * prints each mismatch and exits with 1 if there is one.
 */
public final class RecordedRunsCheck {
    private RecordedRunsCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path runs = Path.of(args.length > 0 ? args[0] : "assets/runs");
        List<String> problems = check(runs);
        for (String p : problems) System.err.println("MISMATCH " + p);
        if (!problems.isEmpty()) System.exit(1);
        System.out.println("recorded runs: every command in " + runs.resolve("hinton-plus-commands.txt") + " builds its folder's config");
    }

    static List<String> check(Path runs) throws IOException {
        Path commandsFile = runs.resolve("hinton-plus-commands.txt");
        List<String> problems = new ArrayList<>();
        Map<String, String> commands = new LinkedHashMap<>();
        for (String line : Files.readAllLines(commandsFile)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t", 2);
            if (parts.length != 2) problems.add(commandsFile + ": not folder<TAB>options: " + line);
            else if (commands.put(parts[0], parts[1].trim()) != null) problems.add(commandsFile + ": listed twice: " + parts[0]);
        }
        if (commands.isEmpty()) problems.add(commandsFile + " lists no run");
        for (Map.Entry<String, String> e : commands.entrySet()) {
            Path config = runs.resolve(e.getKey()).resolve("config.json");
            if (!Files.isRegularFile(config)) {
                problems.add(config + " is missing");
                continue;
            }
            FFConfig recorded = ConfigJson.parse(Files.readString(config));
            ConfigOptions options = new ConfigOptions();
            new CommandLine(options).parseArgs(e.getValue().split(" +"));
            FFConfig rebuilt = options.toConfig().toBuilder().threads(recorded.threads()).build();
            if (!recorded.equals(rebuilt))
                problems.add(e.getKey() + ": '" + e.getValue() + "' builds a config other than the run's: " + differences(rebuilt, recorded));
        }
        TreeSet<String> folders = new TreeSet<>();
        try (Stream<Path> s = Files.list(runs)) {
            s.filter(p -> Files.isRegularFile(p.resolve("config.json")))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("hinton-plus"))
                    .forEach(folders::add);
        }
        for (String f : folders) if (!commands.containsKey(f)) problems.add(runs.resolve(f) + " has no line in " + commandsFile);
        return problems;
    }

    /** "field: built vs recorded" for each field of the two configs that differs. */
    static String differences(FFConfig built, FFConfig recorded) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : FFConfig.class.getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(built), b = c.getAccessor().invoke(recorded);
                if (!Objects.equals(a, b)) out.add(c.getName() + ": " + a + " vs " + b);
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException(x);
            }
        }
        return String.join(", ", out);
    }
}
