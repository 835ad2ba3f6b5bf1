package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import goodness.runs.ErrorPair;
import goodness.runs.ValidErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code runs}: the run store in a terminal, one line (or JSON object) per run, newest first.
 * A run folder that cannot be read is named on stderr with its problem, and the others are
 * still listed.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the stored runs (app and CLI alike): status, epochs done, valid errors (the best energy evaluation"
                + " with its epoch, and the last one, whose weights the model holds) and test errors.")
final class RunsCommand implements Callable<Integer> {
    @Option(names = "--runs-dir", paramLabel = "DIR", description = "the run store (default: runs)")
    Path runsDir;
    @Option(names = "--json", description = "machine-readable output: one JSON object per run")
    boolean json;

    @Override
    public Integer call() {
        Path root = runsDir != null ? runsDir : RunStore.defaultRoot();
        if (Files.exists(root) && !Files.isDirectory(root)) throw new CliException(root + ": is a file, not a runs folder", 1);
        if (runsDir != null && !Files.exists(root)) throw new CliException(root + ": no such folder", 1);
        RunStore.Listing listing = new RunStore(root).scan();
        PrintStream out = System.out;
        if (json) {
            for (RunSummary r : listing.runs()) out.println(Json.GSON.toJson(toJson(r)));
        } else if (listing.runs().isEmpty()) {
            out.println("no runs in " + root);
        } else {
            // The name column fits the longest name, so the columns after it stay aligned.
            int nameWidth = 44;
            for (RunSummary r : listing.runs()) nameWidth = Math.max(nameWidth, r.name().length());
            String row = "%-" + nameWidth + "s %-9s %3d/%-3d %-11s %-13s %17s %12s %12s  %s%n";
            out.printf("%-" + nameWidth + "s %-9s %7s %-11s %-13s %17s %12s %12s  %s%n", "name", "status", "epochs", "preset", "dataset",
                    "best valid @ep", "last valid", "test", "settings changed / message");
            for (RunSummary r : listing.runs()) {
                String best = r.bestValid() == null ? ErrorPair.MISSING : r.bestValid().text();
                String last = r.lastValid() == null ? ErrorPair.MISSING : ErrorPair.text(r.lastValid().energyErrors(), r.lastValid().softmaxErrors());
                String test = orMissing(ErrorPair.text(r.testEnergyErrors(), r.testSoftmaxErrors()));
                StringBuilder note = new StringBuilder();
                for (Map.Entry<String, String> e : r.changedSettings().entrySet())
                    note.append(note.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
                if (!r.message().isEmpty() && r.status() != goodness.runs.RunStatus.FINISHED) note.append(note.length() == 0 ? "" : "; ").append(r.message());
                out.printf(row, r.name(), r.status().id(), r.epochsDone(), r.epochsPlanned(),
                        r.presetName(), r.dataset(), best, last, test, note);
            }
        }
        for (String p : listing.problems()) System.err.println("goodness: skipped " + p);
        return 0;
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
            String folder) {
    }

    /** {"epoch": E, "energy_errors": N, "softmax_errors": M}, a score the run did not measure left out. */
    private record ValidJson(int epoch, @SerializedName("energy_errors") Integer energyErrors, @SerializedName("softmax_errors") Integer softmaxErrors) {
        static ValidJson of(ValidErrors v) {
            return v == null ? null : new ValidJson(v.epoch(), v.energyErrors(), v.softmaxErrors());
        }
    }

    static JsonObject toJson(RunSummary r) {
        return Json.GSON.toJsonTree(new RunLineJson(r.name(), r.status().id(), r.message(), r.epochsDone(), r.epochsPlanned(), r.presetName(),
                r.dataset(), ValidJson.of(r.bestValid()), ValidJson.of(r.lastValid()), r.validCases() > 0 ? r.validCases() : null,
                r.testEnergyErrors(), r.testSoftmaxErrors(), r.testCases() > 0 ? r.testCases() : null, r.changedSettings(),
                r.date().toString(), r.origin(), r.folder().toString())).getAsJsonObject();
    }
}
