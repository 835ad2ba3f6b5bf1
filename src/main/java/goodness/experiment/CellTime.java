package goodness.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The time a cell has taken so far, kept beside its checkpoint ({@code <cell>.bin.seconds}:
 * wall seconds, then CPU seconds) so that a cell continued by another invocation reports its
 * whole time. CPU is NaN once any part of the cell went unmeasured.
 */
record CellTime(double wall, double cpu) {
    static final CellTime ZERO = new CellTime(0, 0);

    /** This time plus what has passed since {@code t0} ({@link System#nanoTime()}) and {@code cpu0} ({@link #processCpuSeconds()}). */
    CellTime plus(long t0, double cpu0) {
        return new CellTime(wall + (System.nanoTime() - t0) / 1e9, cpu + (processCpuSeconds() - cpu0));
    }

    /** The process's CPU time in seconds (every thread), or NaN where the JVM cannot tell. */
    static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            if (ns >= 0) return ns / 1e9;
        }
        return Double.NaN;
    }

    void write(Path f) throws IOException {
        Files.writeString(f, wall + " " + cpu, StandardCharsets.UTF_8);
    }

    /** A file that holds the wall seconds only has no CPU time (NaN); an unreadable one counts as nothing. */
    static CellTime read(Path f) {
        try {
            String[] v = Files.readString(f, StandardCharsets.UTF_8).trim().split("\\s+");
            double wall = Double.parseDouble(v[0]);
            double cpu = v.length > 1 ? Double.parseDouble(v[1]) : Double.NaN;
            return new CellTime(Double.isFinite(wall) && wall >= 0 ? wall : 0, cpu >= 0 ? cpu : Double.NaN);
        } catch (IOException | NumberFormatException e) {
            return ZERO; // only the reported time of the cell is affected
        }
    }
}
