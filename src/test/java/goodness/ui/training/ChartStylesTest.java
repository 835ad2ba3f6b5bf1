package goodness.ui.training;

import org.jfree.chart.JFreeChart;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time charts' x axis (from 0, at least one unit long, never negative epochs) and the log y axis's round ticks. */
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

    @Test
    void logTicksOverSomeDecadesAreOneTwoFive() {
        assertEquals(List.of(0.5, 1.0, 2.0, 5.0, 10.0, 20.0), RoundLogAxis.tickValues(0.3, 30, 8));
        assertEquals(List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0), RoundLogAxis.tickValues(0.008, 1.2, 8));
    }

    @Test
    void aNarrowLogRangeGetsIntermediateOrPlainRoundTicks() {
        // under a decade: 1..9 × 10ⁿ
        assertEquals(List.of(2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0), RoundLogAxis.tickValues(1.5, 8.5, 8));
        // not even two of those (only 40 lies in 31..45): plain round numbers
        assertEquals(List.of(32.0, 34.0, 36.0, 38.0, 40.0, 42.0, 44.0), RoundLogAxis.tickValues(31, 45, 8));
    }

    @Test
    void aWideLogRangeShowsOnlyPowersOfTen() {
        assertEquals(List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0), RoundLogAxis.tickValues(0.001, 100, 8));
        assertEquals(List.of(1e-6, 1e-4, 0.01, 1.0, 100.0, 1e4, 1e6), RoundLogAxis.tickValues(1e-6, 1e6, 8));
    }

    @Test
    void logTickLabelsHaveNoNeedlessDecimals() {
        assertEquals("0.5", RoundLogAxis.label(0.5));
        assertEquals("1", RoundLogAxis.label(1.0));
        assertEquals("20", RoundLogAxis.label(20.0));
        assertEquals("0.001", RoundLogAxis.label(0.001));
    }

    @Test
    void theLogRangeAxisIsTheRoundOne() {
        assertInstanceOf(RoundLogAxis.class, ChartStyles.rangeAxis("errors (%)", true));
        JFreeChart c = ChartStyles.timeChart("Error rates", "errors (%)", new XYSeriesCollection(), true, true);
        assertInstanceOf(RoundLogAxis.class, c.getXYPlot().getRangeAxis());
    }
}
