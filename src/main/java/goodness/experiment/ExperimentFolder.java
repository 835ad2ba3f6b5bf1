package goodness.experiment;

import java.nio.file.Path;

/**
 * The files of a separation experiment's folder: {@code cells.csv} ({@link CellStore}), the
 * report {@code results.md} and its plot {@code results.png}, the command lines that filled it
 * ({@code commands.log}), and per cell in progress its checkpoint, its time so far and its
 * claim ({@link CellLock}) under {@code partial/}.
 */
public record ExperimentFolder(Path dir) {
    public static final String REPORT = "results.md", PLOT = "results.png", COMMANDS = "commands.log";

    public CellStore cells() {
        return CellStore.in(dir);
    }

    public Path report() {
        return dir.resolve(REPORT);
    }

    public Path plot() {
        return dir.resolve(PLOT);
    }

    public Path commands() {
        return dir.resolve(COMMANDS);
    }

    /** The checkpoint of a cell in progress (removed when the cell is in the CSV). */
    Path partialCheckpoint(Cell c, Budget b) {
        return dir.resolve("partial").resolve(CellStore.key(c, b).replaceAll("[^A-Za-z0-9.-]", "_") + ".bin");
    }

    /** The claim file of a cell ({@link CellLock}), beside its checkpoint. */
    Path lockFile(Cell c, Budget b) {
        Path ckpt = partialCheckpoint(c, b);
        return ckpt.resolveSibling(ckpt.getFileName().toString().replaceFirst("\\.bin$", "") + ".lock");
    }

    /** The wall and CPU seconds a cell in progress has taken so far ({@link CellTime}), beside its checkpoint. */
    Path partialSeconds(Cell c, Budget b) {
        Path ckpt = partialCheckpoint(c, b);
        return ckpt.resolveSibling(ckpt.getFileName() + ".seconds");
    }
}
