package goodness.ui.training;

import org.jfree.chart.JFreeChart;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time charts' x axis: from 0, at least one unit long, never negative epochs. */
class ChartStylesTest {

    private static Range xRangeWith(double... xs) {
        XYSeries s = new XYSeries("trainlogcost");
        for (double x : xs) s.add(x, 100 - x);
        JFreeChart c = ChartStyles.timeChart("Training cost", "trainlogcost", new XYSeriesCollection(s), false, false);
        return c.getXYPlot().getDomainAxis().getRange();
    }

    @Test
    void duringTheFirstEpochTheAxisRunsFromZeroToAboutOne() {
        Range r = xRangeWith(0.002, 0.1, 0.25, 0.44);   // JFreeChart alone: -0.30 to 0.74
        assertEquals(0.0, r.getLowerBound());
        assertEquals(1.0, r.getUpperBound(), 0.05, "upper bound " + r.getUpperBound());
    }

    @Test
    void oneEvaluationPointStillGetsTheUnitAxis() {
        assertEquals(new Range(0, 1), xRangeWith(0.0));
    }

    @Test
    void laterTheAxisStartsAtZeroAndCoversTheData() {
        Range r = xRangeWith(0.01, 3.0, 7.5);
        assertEquals(0.0, r.getLowerBound());
        assertTrue(r.getUpperBound() >= 7.5, "upper bound " + r.getUpperBound());
    }
}
