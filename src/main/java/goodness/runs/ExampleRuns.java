package goodness.runs;

import goodness.data.DatasetLoader;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example runs that come with Goodness: the run folders under {@code assets/runs}, which the
 * README's results come from. The app lists them beside the user's run store, read-only (they
 * can be overlaid and compared, never renamed, deleted or resumed); {@code goodness runs
 * --examples} lists them too.
 *
 * <p>Their folder is found the way the data folder is ({@link DatasetLoader#defaultDataRoot()}):
 * {@value #DIR_PROPERTY} if set (tests point it elsewhere), else {@code assets/runs} in the
 * working folder or a folder above it (a clone, {@code mvn javafx:run}, {@code java -jar
 * target/goodness.jar}), else {@code assets/runs} beside the data folder (an installed
 * application ships {@code data/} and, if it ships them, {@code assets/runs/} side by side).
 */
public final class ExampleRuns {
    /** System property naming the examples folder; a folder that does not exist means no examples. */
    public static final String DIR_PROPERTY = "goodness.examplesDir";
    /** Where the examples are below a clone's (or an installed application's) root. */
    public static final Path RELATIVE = Path.of("assets", "runs");
    /** What an example's name starts with wherever it is listed beside the user's own runs. */
    public static final String PREFIX = "example:";
    /**
     * The example run that produced the bundled model ({@code assets/default-model.ffm},
     * {@link goodness.ff.io.DefaultModel}): hinton-plus, seed 5678, 200 epochs.
     */
    public static final String BUNDLED_MODEL_RUN = "hinton-plus-shuffle-dropout010-rot10-scale010-s5678";

    private ExampleRuns() {
    }

    /** The examples folder, or null if there is none (see the class comment for where it is looked for). */
    public static Path root() {
        Path data;
        try {
            data = System.getProperty(DIR_PROPERTY) != null ? null : DatasetLoader.defaultDataRoot();
        } catch (RuntimeException e) { // no data folder: only the working folder's ancestors are left
            data = null;
        }
        return find(System.getProperty(DIR_PROPERTY), Path.of("").toAbsolutePath(), data);
    }

    /** {@link #root()} with its inputs explicit, so the search can be tested. */
    static Path find(String property, Path workingDir, Path dataRoot) {
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property.trim()).toAbsolutePath().normalize();
            return Files.isDirectory(p) ? p : null;
        }
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(RELATIVE);
            if (Files.isDirectory(p)) return p;
        }
        if (dataRoot != null) {
            Path parent = dataRoot.toAbsolutePath().normalize().getParent();
            if (parent != null && Files.isDirectory(parent.resolve(RELATIVE))) return parent.resolve(RELATIVE);
        }
        return null;
    }

    /** The name an example folder is listed under beside the user's runs ("example:hinton-fast"). */
    public static String id(String folderName) {
        return PREFIX + folderName;
    }

    /** Whether {@code name} is an example's listed name. */
    public static boolean isId(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** The folder name behind an example's listed name. */
    public static String folderName(String id) {
        if (!isId(id)) throw new IllegalArgumentException("not an example's name: " + id);
        return id.substring(PREFIX.length());
    }
}
