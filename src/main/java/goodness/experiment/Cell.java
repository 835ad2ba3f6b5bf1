package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;

/**
 * One cell of a phase-separation table: a dataset, a kind of negative data, the table and the
 * phase length N ({@code phase} 0 = unseparated).
 */
public record Cell(Dataset dataset, NegativeMode negatives, int table, int phase) {

    public PhaseSchedule schedule() {
        return scheduleOf(table, phase);
    }

    /** Table 1: A = S = N; table 2: A = N, S = 1 (positive lr / N); N = 0: unseparated. */
    public static PhaseSchedule scheduleOf(int table, int phase) {
        if (phase == 0) return PhaseSchedule.unseparated();
        return table == 1 ? PhaseSchedule.symmetric(phase) : PhaseSchedule.awakeHeavy(phase);
    }

    /** "unseparated" or N, as in {@code cells.csv}'s phase column. */
    public String phaseLabel() {
        return phase == 0 ? "unseparated" : Integer.toString(phase);
    }

    /** "random N=2": how messages name the cell within its experiment. */
    public String label() {
        return negatives.id() + " N=" + phaseLabel();
    }

    /**
     * The cell whose model this cell trains: itself, except that the unseparated baseline is
     * the same model in both tables (no phases, so no rate scaling either) and is filed as
     * Table 1's. A Table 2 experiment therefore takes it from a Table 1 result instead of
     * training it again.
     */
    public Cell resultCell() {
        return phase == 0 && table != 1 ? new Cell(dataset, negatives, 1, 0) : this;
    }
}
