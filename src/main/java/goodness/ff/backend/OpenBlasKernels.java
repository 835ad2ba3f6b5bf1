package goodness.ff.backend;

import org.bytedeco.openblas.global.openblas;

/**
 * Which OpenBLAS kernel set products run with, as far as the process can tell. OpenBLAS chooses
 * its kernels when it loads: the CPU family {@code OPENBLAS_CORETYPE} names, else the one it
 * detects. The Java mapping (bytedeco's openblas preset) does not expose
 * {@code openblas_get_corename()} or {@code openblas_get_config()}, so the choice itself cannot be
 * read here; this says whether the environment forced one, and which library it is. With
 * {@code OPENBLAS_VERBOSE=2} OpenBLAS prints its choice ("Core: Haswell") to stderr as it loads.
 */
public final class OpenBlasKernels {
    /** The environment variable that makes OpenBLAS use one CPU family's kernels instead of detecting the CPU. */
    public static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";

    private OpenBlasKernels() {
    }

    /** The library's version, e.g. "0.3.31" (a constant of the mapping: reading it loads nothing). */
    public static String version() {
        return openblas.OPENBLAS_VERSION.trim().replaceFirst("^OpenBLAS\\s+", "");
    }

    /** The kernel set this process's environment asks for: the forced family's name, or null (auto-detected). */
    public static String forcedCoreType() {
        String v = System.getenv(CORETYPE_VARIABLE);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** One line for a benchmark's output: "OPENBLAS_CORETYPE=Haswell (forced by the environment)" or "auto-detected …". */
    public static String describe(String forcedCoreType) {
        return forcedCoreType == null
                ? "auto-detected when the library loads (" + CORETYPE_VARIABLE + " not set; OPENBLAS_VERBOSE=2 prints the choice)"
                : CORETYPE_VARIABLE + "=" + forcedCoreType + " (forced by the environment)";
    }
}
