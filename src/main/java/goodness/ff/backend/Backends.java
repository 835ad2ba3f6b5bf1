package goodness.ff.backend;

import java.util.List;
import java.util.Locale;

/** Creates {@link MatrixBackend}s by their command-line name. */
public final class Backends {
    private static final List<String> NAMES = List.of("ejml", "openblas");

    private Backends() {
    }

    /** The valid backend names, in the order they should be listed in help text. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param name    "ejml" or "openblas", case-insensitive
     * @param threads threads per product (&ge; 1)
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones) or
     *                                  a bad thread count
     * @throws IllegalStateException    for "openblas" when its native library cannot be loaded
     */
    public static MatrixBackend create(String name, int threads) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "ejml":
                return new EjmlBackend(threads);
            case "openblas":
                return new OpenBlasBackend(threads);
            default:
                throw new IllegalArgumentException("unknown matrix backend '" + name + "'; valid names: "
                        + String.join(", ", NAMES));
        }
    }

    /**
     * OpenBLAS if its native library loads here, otherwise EJML after a one-line warning on
     * stderr.
     */
    public static MatrixBackend createDefault(int threads) {
        if (OpenBlasBackend.isAvailable()) return new OpenBlasBackend(threads);
        System.err.println("warning: " + OpenBlasBackend.unavailableReason()
                + "; falling back to the EJML backend (about 10x slower)");
        return new EjmlBackend(threads);
    }
}
