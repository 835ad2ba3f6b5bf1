package goodness.runs;

import java.time.Instant;

/**
 * Where an imported run came from ({@code imported.json}, written by {@link RunArchive#importRun}
 * next to {@code run.json}; a run trained here has none).
 *
 * @param archive      the archive's file name (without its folder)
 * @param importedAt   when it was imported
 * @param originalName the run's name in the archive (its folder name in the store it was exported from)
 */
public record RunImport(String archive, Instant importedAt, String originalName) {
    public RunImport {
        java.util.Objects.requireNonNull(archive);
        java.util.Objects.requireNonNull(importedAt);
        java.util.Objects.requireNonNull(originalName);
    }

    /** "imported from a.zip (run r)", or "imported from a.zip" when the name is unchanged. */
    public String text(String name) {
        return "imported from " + archive + (originalName.equals(name) ? "" : " (run " + originalName + ")");
    }
}
