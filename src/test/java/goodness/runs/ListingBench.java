package goodness.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How long listing a large store takes: 2,000 finished runs of 125 epochs (full-size metrics
 * rows, about 220 kB of {@code metrics.jsonl} each), 100 of them damaged in various ways (a pipe
 * or a folder in place of a file, a link to {@code /dev/zero}, wrapped numbers, bad JSON).
 * Prints each listing's time (wall clock and the process's CPU time) and the median; the first
 * listing of a fresh JVM is what {@code goodness runs} takes. Not a test: run it by hand,
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) goodness.runs.ListingBench [store folder] [repeats] [unindexed]</pre>
 *
 * The store is written once and kept (delete the folder to write it again). Its runs' {@code run.json}
 * carry the metrics index the writer keeps; with {@code unindexed} they are written as before the
 * index existed, so that every listing reads every {@code metrics.jsonl}.
 */
public final class ListingBench {
    static final int RUNS = 2_000, DAMAGED = 100, EPOCHS = 125;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "target/listing-bench");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean indexed = !(args.length > 2 && args[2].equals("unindexed"));
        if (!Files.exists(root.resolve("written"))) write(root, indexed);
        double[] seconds = new double[repeats];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
            RunStore.Listing l = new RunStore(root).scan();
            seconds[k] = (System.nanoTime() - t0) / 1e9;
            System.out.printf("listing %d: %.3f s (%.3f s of CPU), %d runs, %d damaged%n", k + 1, seconds[k], (os.getProcessCpuTime() - c0) / 1e9,
                    l.runs().size(), l.damaged().size());
        }
        Arrays.sort(seconds);
        System.out.printf("median of %d: %.3f s%n", repeats, seconds[repeats / 2]);
    }

    static void write(Path root, boolean indexed) throws IOException {
        Files.createDirectories(root);
        String metrics = RunFolders.metrics(EPOCHS);
        for (int i = 0; i < RUNS; i++) {
            Path dir = RunFolders.finished(root.resolve(String.format("run-%04d", i)), EPOCHS, metrics, indexed);
            if (i % (RUNS / DAMAGED) == 0) damage(dir, i / (RUNS / DAMAGED));
        }
        Files.writeString(root.resolve("written"), "");
    }

    /** Damage number {@code k}: one of ten kinds, in turn. */
    static void damage(Path dir, int k) throws IOException {
        switch (k % 10) {
            case 0 -> {
                Files.delete(dir.resolve(RunFolder.CONFIG));
                RunFolders.fifo(dir.resolve(RunFolder.CONFIG));
            }
            case 1 -> {
                Files.delete(dir.resolve(RunFolder.METRICS));
                Files.createSymbolicLink(dir.resolve(RunFolder.METRICS), Path.of("/dev/zero"));
            }
            case 2 -> {
                Files.delete(dir.resolve(RunFolder.RUN));
                Files.createDirectory(dir.resolve(RunFolder.RUN));
            }
            case 3 -> Files.writeString(dir.resolve(RunFolder.RESULT), RunFolders.result("4294967303"));
            case 4 -> Files.writeString(dir.resolve(RunFolder.RUN), RunFolders.runJson("finished", "1e20"));
            case 5 -> Files.writeString(dir.resolve(RunFolder.RUN), RunFolders.runJson("finished", "12.9"));
            case 6 -> Files.writeString(dir.resolve(RunFolder.RESULT), RunFolders.result("-1"));
            case 7 -> Files.writeString(dir.resolve(RunFolder.RUN), RunFolders.runJson("done\\u001b[2J", "125"));
            case 8 -> {
                Files.delete(dir.resolve(RunFolder.LOCK));
                RunFolders.fifo(dir.resolve(RunFolder.LOCK));
            }
            default -> Files.writeString(dir.resolve(RunFolder.METRICS), RunFolders.row(0, 5).replace("\"pairwise_errors\":[", "\"pairwise_errors\":7,\"x\":[") + "\n");
        }
    }
}
