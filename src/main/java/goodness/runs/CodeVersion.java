package goodness.runs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build that is running, for provenance: the project version and, when it was built from a
 * git checkout, the commit, marked when the checkout had uncommitted changes, e.g.
 * {@code "0.1.0-SNAPSHOT (commit 468080e88777, uncommitted changes)"}.
 */
public final class CodeVersion {
    private static final String CURRENT;

    static {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unknown build: nothing recorded
        }
        CURRENT = describe(p.getProperty("version"), p.getProperty("commit"), p.getProperty("dirty"));
    }

    private CodeVersion() {
    }

    /** e.g. {@code "0.1.0-SNAPSHOT (commit 468080e88777)"}; {@code "unknown"} when the build recorded nothing. */
    public static String current() {
        return CURRENT;
    }

    /**
     * The description of a build from its recorded values; a value the build did not fill in
     * (absent, blank, or still a Maven placeholder such as {@code ${git.dirty}}) counts as unknown.
     */
    static String describe(String version, String commit, String dirty) {
        String v = known(version) ? version.trim() : "unknown";
        if (!known(commit)) return v;
        return v + " (commit " + commit.trim() + ("true".equals(dirty == null ? null : dirty.trim()) ? ", uncommitted changes)" : ")");
    }

    private static boolean known(String value) {
        return value != null && !value.isBlank() && !value.trim().startsWith("${");
    }
}
