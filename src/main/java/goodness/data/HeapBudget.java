package goodness.data;

import java.util.Locale;

/**
 * What this JVM's heap can hold, for refusing work whose declared size cannot fit before any
 * of it is allocated (a header that promises gigabytes, a config with huge layers). The figure
 * is the heap's maximum ({@code -Xmx}), not what happens to be free now: a refusal then
 * depends only on the input and the JVM's settings, never on garbage waiting to be collected.
 */
public final class HeapBudget {
    /** Java arrays cannot be longer than this (a little under {@code Integer.MAX_VALUE}). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private HeapBudget() {
    }

    /** The most heap this JVM will use ({@code -Xmx}), in bytes. */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The app's one-line message for an {@link OutOfMemoryError} (the service and the view model show the same). */
    public static String outOfMemoryMessage() {
        return "out of memory: the JVM's heap is at most " + megabytes(maxHeap()) + " (a larger -Xmx, a smaller network or batch helps)";
    }

    /** "712 bytes", "3.1 MiB", "2.0 GiB" (binary units, as -Xmx counts: -Xmx1g is 1.0 GiB). */
    public static String megabytes(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        if (bytes < 1024L * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
