package goodness.runs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build that is running, for provenance: the project version and, when built from git, the commit. */
public final class CodeVersion {
    private static final String CURRENT = read();

    private CodeVersion() {
    }

    /** e.g. {@code "0.1.0-SNAPSHOT"}; {@code "unknown"} when the build recorded nothing. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
