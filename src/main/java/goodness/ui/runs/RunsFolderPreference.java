package goodness.ui.runs;

import goodness.runs.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/** The runs folder the user last chose in the Runs tab, kept as a user preference for the next start. */
final class RunsFolderPreference {
    private static final String KEY = "runsDir";

    private RunsFolderPreference() {
    }

    /**
     * The runs folder: {@value RunStore#DIR_PROPERTY} if set (tests), else the folder the user
     * last chose ({@link #remember}), else {@code runs/} under the working folder.
     */
    static Path preferred() {
        String forced = System.getProperty(RunStore.DIR_PROPERTY);
        if (forced != null && !forced.isBlank()) return RunStore.defaultRoot();
        try {
            String chosen = node().get(KEY, null);
            if (chosen != null && Files.isDirectory(Path.of(chosen))) return Path.of(chosen);
        } catch (RuntimeException e) {
            System.getLogger(RunsViewModel.class.getName()).log(System.Logger.Level.WARNING, "cannot read the runs folder preference", e);
        }
        return RunStore.defaultRoot();
    }

    /** Keeps {@code dir} as the folder to list at the next start. */
    static void remember(Path dir) {
        try {
            node().put(KEY, dir.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            System.getLogger(RunsViewModel.class.getName()).log(System.Logger.Level.WARNING, "cannot store the runs folder preference", e);
        }
    }

    private static Preferences node() {
        return Preferences.userNodeForPackage(RunsViewModel.class);
    }
}
