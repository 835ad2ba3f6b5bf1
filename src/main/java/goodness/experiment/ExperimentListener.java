package goodness.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * What a separation experiment tells as it goes: the experiment package writes files only, and
 * whoever runs it (the command line) decides what to show. Every method does nothing unless
 * overridden; all are called on the experiment's own thread.
 */
public interface ExperimentListener {

    /** The experiment begins: {@code cells} cells under {@code budget}. */
    /** A line of the folder's files that is ignored (a cut last line, a row with impossible values), as one line naming the file and the line. */
    default void warning(String line) {
        System.err.println("goodness: warning: " + line);
    }

    default void started(ExperimentOptions options, Budget budget, int cells) {
    }

    /** {@code found} unseparated cells of {@code source} match this experiment; {@code copied} of them were new here. */
    default void unseparatedCopied(Path source, int found, int copied) {
    }

    /**
     * Another process holds {@code cell}; it is come back to after the other cells
     * ({@code willWait}) or left to that process.
     */
    default void cellHeldElsewhere(Cell cell, boolean willWait) {
    }

    /** The experiment now waits for {@code cell}, which another process runs (said once per cell). */
    default void waitingFor(Cell cell) {
    }

    /** {@code cell} continues from its checkpoint, {@code epoch} epochs in. */
    default void continuing(Cell cell, Path checkpoint, int epoch) {
    }

    /** A batch of {@code cell} is trained: {@code done} of {@code all} batches, at {@code imagesPerSecond}. */
    default void batchTrained(Cell cell, int index, int total, long done, long all, double imagesPerSecond, double etaSeconds) {
    }

    /** The training of {@code cell} ends in this invocation (finished or stopped): no more {@link #batchTrained} for it. */
    default void cellTrainingEnded(Cell cell) {
    }

    /** A cell has its result, trained here or taken from {@code cells.csv}; the report and plot are rewritten. */
    default void cellDone(CellDone done) {
    }

    /** Stopped after {@code epochs} epochs of training as asked; {@code inProgress} keeps its checkpoint. */
    default void stopped(int epochs, Cell inProgress) {
    }

    /** The experiment ends without the {@code cells} that other processes hold (not waiting for held cells). */
    default void leftToOtherProcesses(List<Cell> cells) {
    }

    /** Every cell has its result: the report and the table are in these files. */
    default void finished(Path report, Path cells) {
    }

    /**
     * One cell's result as the experiment reports it.
     *
     * @param index          the cell's position in the experiment's cells (0-based) of {@code total}
     * @param fromStore      taken from {@code cells.csv} (finished earlier or by another process), not trained here
     * @param elapsedSeconds this invocation's time so far
     * @param etaSeconds     the time the cells after this one will take at this invocation's pace, NaN before any cell trained here
     * @param cellsLeft      cells after this one without a result
     */
    record CellDone(int index, int total, CellResult result, boolean fromStore, double elapsedSeconds, double etaSeconds, int cellsLeft) {
    }
}
