package goodness.ui.runs;

import goodness.runs.ExampleRuns;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import goodness.runs.StoredRun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Runs tab's examples ({@link ExampleRuns}): their folder, found once, and its listing, read
 * once (they do not change while the app runs). Runs on the task thread; a damaged example is
 * listed as such after the other examples, which are listed as usual.
 */
final class ExampleListing {
    private Path root;
    private boolean found;
    private RunStore.Listing listing;

    /** The examples folder, looked for on the first call; null if there is none. */
    synchronized Path root() {
        if (!found) {
            root = ExampleRuns.root();
            found = true;
        }
        return root;
    }

    /** Examples from {@code dir} from now on (null: none). */
    synchronized void setRoot(Path dir) {
        root = dir;
        found = true;
        listing = null;
    }

    /**
     * Adds the examples' rows to {@code rows}, those that cannot be read after the others, unless
     * the user's store {@code store} is the examples folder itself (its runs are then listed as
     * the user's); returns what the status line says about them ("" if there are none).
     */
    synchronized String list(Path store, List<RunsViewModel.RunRow> rows) {
        Path dir = root();
        if (dir == null || sameFolder(dir, store)) return "";
        try {
            if (listing == null) listing = new RunStore(dir).scan();
        } catch (RuntimeException e) {
            return "; the examples in " + dir + " cannot be listed: " + e.getMessage();
        }
        for (RunSummary s : listing.runs()) rows.add(RunRows.row(s, true));
        for (RunStore.Damaged d : listing.damaged()) rows.add(RunRows.damagedRow(d, true));
        return "; " + listing.runs().size() + " examples (read-only) from " + dir + RunRows.damagedNote(listing.damaged(), "example");
    }

    /** An example, fully (its name is {@code example:<folder>}). */
    synchronized StoredRun load(String id) {
        Path dir = root();
        if (dir == null) throw new IllegalStateException(id + ": this installation has no examples folder");
        return new RunStore(dir).load(ExampleRuns.folderName(id));
    }

    /** An example's name on the charts: its folder and what it is. */
    static String label(String id) {
        String folder = ExampleRuns.folderName(id);
        return folder + (folder.equals(ExampleRuns.BUNDLED_MODEL_RUN) ? " (example: the bundled model's run)" : " (example)");
    }

    private static boolean sameFolder(Path a, Path b) {
        if (b == null) return false;
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
        try {
            return java.nio.file.Files.isSameFile(a, b);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
