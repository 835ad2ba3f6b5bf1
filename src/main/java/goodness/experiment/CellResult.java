package goodness.experiment;

/**
 * A finished cell. {@code seconds} is wall-clock time, which other processes on the machine
 * stretch; {@code cpuSeconds} is the CPU time the training process spent on the cell (all its
 * threads, BLAS's included), the measure of the cell's own work, or NaN where it was not
 * recorded (rows of a 14-column {@code cells.csv}, or a cell begun by a build without the column).
 */
public record CellResult(Cell cell, Budget budget, int testErrors, int testCases, double seconds, double cpuSeconds) {

    public double accuracy() {
        return 1.0 - (double) testErrors / testCases;
    }
}
