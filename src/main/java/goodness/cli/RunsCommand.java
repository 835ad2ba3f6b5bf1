package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import goodness.runs.ExampleRuns;
import goodness.runs.Printable;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import goodness.runs.ErrorPair;
import goodness.runs.ValidErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code runs}: the run store in a terminal, one line (or JSON object) per run, newest first.
 * A run folder that cannot be read is listed after them as "damaged" (or "unreadable") with its
 * problem, and named on stderr too; the others are listed as usual. Names and messages come from
 * files, so they are printed with control characters escaped ({@link Printable}).
 */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = {RunsExportCommand.class, RunsImportCommand.class},
        description = {"List the stored runs (app and CLI alike): status, epochs done, valid errors (the best energy evaluation"
                + " with its epoch, and the last one, whose weights the model holds) and test errors; an imported run says where from.",
                "`runs export NAME --to FILE.zip` writes one run to a zip file; `runs import FILE.zip` adds one to the store."})
final class RunsCommand implements Callable<Integer> {
    @Option(names = "--runs-dir", paramLabel = "DIR", description = "the run store (default: runs)")
    Path runsDir;
    @Option(names = "--json", description = "machine-readable output: one JSON object per run")
    boolean json;
    @Option(names = "--examples", description = "also list the example runs that come with Goodness (assets/runs), named example:<folder>")
    boolean examples;

    /** The store's folder: {@code --runs-dir}, else the default; a file, or a named folder that does not exist, is refused. */
    static Path existingRoot(Path runsDir) {
        Path root = runsDir != null ? runsDir : RunStore.defaultRoot();
        if (Files.exists(root) && !Files.isDirectory(root)) throw new CliException(root + ": is a file, not a runs folder", 1);
        if (runsDir != null && !Files.exists(root)) throw new CliException(root + ": no such folder", 1);
        return root;
    }

    @Override
    public Integer call() {
        Path root = existingRoot(runsDir);
        RunStore.Listing listing = new RunStore(root).scan();
        if (examples) listing = withExamples(listing, root);
        PrintStream out = System.out;
        if (json) {
            StringBuilder lines = new StringBuilder();
            for (RunSummary r : listing.runs()) lines.append(Json.GSON.toJson(toJson(r))).append(System.lineSeparator());
            for (RunStore.Damaged d : listing.damaged()) lines.append(Json.GSON.toJson(toJson(d))).append(System.lineSeparator());
            out.print(lines);
            out.flush();
        } else if (listing.runs().isEmpty() && listing.damaged().isEmpty()) {
            out.println("no runs in " + Printable.escape(root.toString()));
        } else {
            // The table is made whole and written once: a line at a time, 2,000 rows cost a write each.
            StringBuilder table = new StringBuilder();
            java.util.Formatter f = new java.util.Formatter(table);
            // The name column fits the longest name, so the columns after it stay aligned.
            int nameWidth = 44;
            for (RunSummary r : listing.runs()) nameWidth = Math.max(nameWidth, Printable.escape(r.name()).length());
            for (RunStore.Damaged d : listing.damaged()) nameWidth = Math.max(nameWidth, Printable.escape(d.name()).length());
            String row = "%-" + nameWidth + "s %-9s %3d/%-3d %-11s %-13s %17s %12s %12s  %s%n";
            String missingRow = "%-" + nameWidth + "s %-9s %7s %-11s %-13s %17s %12s %12s  %s%n";
            f.format(missingRow, "name", "status", "epochs", "preset", "dataset",
                    "best valid @ep", "last valid", "test", "settings changed / message");
            for (RunSummary r : listing.runs()) {
                String best = r.bestValid() == null ? ErrorPair.MISSING : r.bestValid().text();
                String last = r.lastValid() == null ? ErrorPair.MISSING : ErrorPair.text(r.lastValid().energyErrors(), r.lastValid().softmaxErrors());
                String test = orMissing(ErrorPair.text(r.testEnergyErrors(), r.testSoftmaxErrors()));
                StringBuilder note = new StringBuilder();
                for (Map.Entry<String, String> e : r.changedSettings().entrySet())
                    note.append(note.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
                if (!r.message().isEmpty() && r.status() != goodness.runs.RunStatus.FINISHED) note.append(note.length() == 0 ? "" : "; ").append(r.message());
                if (r.imported() != null) note.append(note.length() == 0 ? "" : "; ").append(r.imported().text(r.name()));
                f.format(row, Printable.escape(r.name()), r.status().id(), r.epochsDone(), r.epochsPlanned(),
                        r.presetName(), r.dataset(), best, last, test, Printable.escape(note.toString()));
            }
            String m = ErrorPair.MISSING;
            for (RunStore.Damaged d : listing.damaged())
                f.format(missingRow, Printable.escape(d.name()), status(d), m, m, m, m, m, m, Printable.escape(d.reason()));
            out.print(table);
            out.flush();
        }
        StringBuilder problems = new StringBuilder();
        for (RunStore.Damaged d : listing.damaged())
            problems.append("goodness: ").append(status(d)).append(": ").append(Printable.escape(d.line())).append(System.lineSeparator());
        System.err.print(problems);
        System.err.flush();
        return 0;
    }

    /**
     * The store's listing followed by the examples' ({@link ExampleRuns#root()}), each named
     * {@code example:<folder>}; the examples are left out where the store is their folder.
     */
    private static RunStore.Listing withExamples(RunStore.Listing store, Path root) {
        Path dir = ExampleRuns.root();
        String named = System.getProperty(ExampleRuns.DIR_PROPERTY);
        if (dir == null && named != null && !named.isBlank())
            throw new CliException("no examples folder: -D" + ExampleRuns.DIR_PROPERTY + " names " + Printable.escape(named) + ", which is not a folder", 1);
        if (dir == null) throw new CliException("no examples folder found: no " + ExampleRuns.RELATIVE + " in the working folder, a folder above it"
                + " or beside the data folder (-D" + ExampleRuns.DIR_PROPERTY + "=DIR names one)", 1);
        if (dir.equals(root.toAbsolutePath().normalize())) return store;
        RunStore.Listing ex = new RunStore(dir).scan();
        List<RunSummary> runs = new ArrayList<>(store.runs());
        for (RunSummary r : ex.runs())
            runs.add(new RunSummary(ExampleRuns.id(r.name()), r.folder(), r.status(), r.message(), r.epochsDone(), r.epochsPlanned(), r.recipe(),
                    r.presetName(), r.dataset(), r.changedSettings(), r.bestValid(), r.lastValid(), r.validCases(), r.testEnergyErrors(),
                    r.testSoftmaxErrors(), r.testCases(), r.date(), r.origin()));
        List<RunStore.Damaged> damaged = new ArrayList<>(store.damaged());
        for (RunStore.Damaged d : ex.damaged())
            damaged.add(new RunStore.Damaged(ExampleRuns.id(d.name()), d.folder(), d.reason(), d.unreadable(), d.line()));
        return new RunStore.Listing(runs, damaged);
    }

    private static String status(RunStore.Damaged d) {
        return d.unreadable() ? "unreadable" : "damaged";
    }

    /** A cell with no figure shows "-", so the columns stay readable. */
    private static String orMissing(String cell) {
        return cell.isEmpty() ? ErrorPair.MISSING : cell;
    }

    /** {@code runs --json}: one object per run; figures the run does not have are left out. */
    private record RunLineJson(
            String name,
            String status,
            String message,
            @SerializedName("epochs_done") int epochsDone,
            int epochs,
            String preset,
            String dataset,
            @SerializedName("best_valid") ValidJson bestValid,
            @SerializedName("last_valid") ValidJson lastValid,
            @SerializedName("valid_cases") Integer validCases,
            @SerializedName("energy_errors_test") Integer energyErrorsTest,
            @SerializedName("softmax_errors_test") Integer softmaxErrorsTest,
            @SerializedName("test_cases") Integer testCases,
            Map<String, String> changed,
            String date,
            String origin,
            String folder,
            ImportedJson imported) {
    }

    /** Where an imported run came from: the archive's file name, when, and the run's name there. */
    private record ImportedJson(String archive, String at, @SerializedName("original_name") String originalName) {
        static ImportedJson of(goodness.runs.RunImport i) {
            return i == null ? null : new ImportedJson(i.archive(), i.importedAt().toString(), i.originalName());
        }
    }

    /** {"epoch": E, "energy_errors": N, "softmax_errors": M}, a score the run did not measure left out. */
    private record ValidJson(int epoch, @SerializedName("energy_errors") Integer energyErrors, @SerializedName("softmax_errors") Integer softmaxErrors) {
        static ValidJson of(ValidErrors v) {
            return v == null ? null : new ValidJson(v.epoch(), v.energyErrors(), v.softmaxErrors());
        }
    }

    /** {@code runs --json} for a run folder that cannot be read: its name, "damaged" or "unreadable", the problem. */
    private record DamagedLineJson(String name, String status, String problem, String folder) {
    }

    static JsonObject toJson(RunStore.Damaged d) {
        return Json.GSON.toJsonTree(new DamagedLineJson(d.name(), status(d), d.reason(), d.folder().toString())).getAsJsonObject();
    }

    static JsonObject toJson(RunSummary r) {
        return Json.GSON.toJsonTree(new RunLineJson(r.name(), r.status().id(), r.message(), r.epochsDone(), r.epochsPlanned(), r.presetName(),
                r.dataset(), ValidJson.of(r.bestValid()), ValidJson.of(r.lastValid()), r.validCases() > 0 ? r.validCases() : null,
                r.testEnergyErrors(), r.testSoftmaxErrors(), r.testCases() > 0 ? r.testCases() : null, r.changedSettings(),
                r.date().toString(), r.origin(), r.folder().toString(), ImportedJson.of(r.imported()))).getAsJsonObject();
    }
}
