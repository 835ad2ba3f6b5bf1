package goodness.cli;

import com.google.gson.JsonObject;
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

    /** {"epoch": E, "energy_errors": N, "softmax_errors": M}, a score the run did not measure left out. */
    private static JsonObject toJson(ValidErrors v) {
        JsonObject o = new JsonObject();
        o.addProperty("epoch", v.epoch());
        if (v.energyErrors() != null) o.addProperty("energy_errors", v.energyErrors());
        if (v.softmaxErrors() != null) o.addProperty("softmax_errors", v.softmaxErrors());
        return o;
    }

    static JsonObject toJson(RunSummary r) {
        JsonObject o = new JsonObject();
        o.addProperty("name", r.name());
        o.addProperty("status", r.status().id());
        o.addProperty("message", r.message());
        o.addProperty("epochs_done", r.epochsDone());
        o.addProperty("epochs", r.epochsPlanned());
        o.addProperty("preset", r.presetName());
        o.addProperty("dataset", r.dataset());
        if (r.bestValid() != null) o.add("best_valid", toJson(r.bestValid()));
        if (r.lastValid() != null) o.add("last_valid", toJson(r.lastValid()));
        if (r.validCases() > 0) o.addProperty("valid_cases", r.validCases());
        if (r.testEnergyErrors() != null) o.addProperty("energy_errors_test", r.testEnergyErrors());
        if (r.testSoftmaxErrors() != null) o.addProperty("softmax_errors_test", r.testSoftmaxErrors());
        if (r.testCases() > 0) o.addProperty("test_cases", r.testCases());
        JsonObject changed = new JsonObject();
        r.changedSettings().forEach(changed::addProperty);
        o.add("changed", changed);
        o.addProperty("date", r.date().toString());
        o.addProperty("origin", r.origin());
        o.addProperty("folder", r.folder().toString());
        return o;
    }
}
