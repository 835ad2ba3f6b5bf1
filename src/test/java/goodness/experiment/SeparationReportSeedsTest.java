package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The seeds a separation report names: each one where there are a few; the first ones and the
 * count where a cells.csv holds thousands (rows of other runs, or a file made up), so that
 * results.md and the plot's title stay short and rewriting them after every cell stays cheap.
 */
class SeparationReportSeedsTest {
    private static final Cell N2 = new Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, 2);

    private static SeparationTable tableOfSeeds(int seeds) {
        List<CellResult> results = new ArrayList<>();
        for (int i = 0; i < seeds; i++)
            results.add(new CellResult(N2, new Budget(1, 1, 512, 512, 0.01, 100 + i), 300, 1000, 2.0, 1.0));
        return SeparationTable.of(results, Dataset.MNIST, 1, new Budget(1, 1, 512, 512, 0.01, 100), List.of(NegativeMode.RANDOM), List.of(2));
    }

    private static long seedLines(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("- seed ")).count();
    }

    @Test
    void aFewSeedsAreEachListedInTheReportAndThePlotTitle() {
        SeparationTable t = tableOfSeeds(3);
        String md = SeparationReport.markdown(t);
        assertEquals(3, seedLines(md), md);
        assertTrue(md.contains("- seed 102: wrong label N=2"), md);
        assertFalse(md.contains("more seeds"), md);
        assertTrue(SeparationReport.subtitle(t).contains("; seeds 100, 101, 102; "), SeparationReport.subtitle(t));
    }

    @Test
    void thousandsOfSeedsAreTheFirstOnesAndTheirCount() {
        SeparationTable t = tableOfSeeds(5000);
        String md = SeparationReport.markdown(t);
        assertEquals(SeparationReport.MAX_SEEDS_LISTED, seedLines(md), "seeds listed one by one");
        assertTrue(md.contains("- seed 100: wrong label N=2"), md);
        assertTrue(md.contains("- and 4,980 more seeds (5,000 in all; every cell with its seed: `cells.csv`)"), md);
        assertTrue(md.length() < 5000, "the report stays short: " + md.length() + " characters");
        assertTrue(SeparationReport.notes(t).contains("(5,000 in all;"), "the notes a viewer shows are the report's");

        String subtitle = SeparationReport.subtitle(t);
        assertTrue(subtitle.contains("; seeds 100, 101, 102, 103, 104, …, 5099 (5,000 seeds); "), subtitle);
        assertTrue(subtitle.length() < 200, subtitle);
    }
}
