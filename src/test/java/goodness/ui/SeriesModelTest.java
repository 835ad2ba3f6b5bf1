package goodness.ui;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What the charts draw for the live run and overlaid runs, without a window. */
class SeriesModelTest {
    private static RunSeries run(String id, double... costs) {
        RunSeries s = new RunSeries(id, id + "-label", 3);
        for (int e = 0; e < costs.length; e++) s.addEpoch(RunSeriesTest.epoch(e, costs[e], 10, 0, null));
        return s;
    }

    @Test
    void aSingleRunKeepsPlainLegendNames() {
        SeriesModel m = new SeriesModel();
        m.setLive(run("live", 50, 40));
        List<SeriesModel.Line> cost = m.drawn(RunSeries.COST);
        assertEquals(1, cost.size());
        assertEquals("trainlogcost", cost.get(0).name());
        assertFalse(m.comparing());
        assertTrue(m.drawn(RunSeries.ERRORS).isEmpty(), "series without points are not drawn");
    }

    @Test
    void overlaidRunsAreNamedByRunAndKeepTheirColourSlots() {
        SeriesModel m = new SeriesModel();
        m.setLive(run("live", 50));
        RunSeries a = run("a", 60, 30), b = run("b", 55), c = run("c", 70);
        m.setOverlays(List.of(a, b));
        assertTrue(m.comparing());
        assertEquals(List.of("live-label · trainlogcost", "a-label · trainlogcost", "b-label · trainlogcost"),
                m.drawn(RunSeries.COST).stream().map(SeriesModel.Line::name).toList());
        assertEquals(List.of(0, 1, 2), m.drawn(RunSeries.COST).stream().map(SeriesModel.Line::runSlot).toList());
        // Removing a keeps b's colour; a new run gets a fresh slot.
        m.setOverlays(List.of(b, c));
        assertEquals(2, m.slotOf("b"));
        assertEquals(3, m.slotOf("c"));
        assertEquals(-1, m.slotOf("a"));
        assertEquals(0, m.slotOf("live"));
        assertEquals(3, m.drawn(RunSeries.PAIRWISE).stream().filter(l -> l.runSlot() == 2).count(),
                "b draws its three layers' pairwise errors in its colour");
    }

    @Test
    void smoothingDrawsTheRawLineFaintBehindTheSmoothedOne() {
        SeriesModel m = new SeriesModel();
        m.setLive(run("live", 50, 10, 50, 10));
        m.setSmoothing(0.5);
        List<SeriesModel.Line> cost = m.drawn(RunSeries.COST);
        assertEquals(2, cost.size());
        assertTrue(cost.get(0).faint());
        assertArrayEquals(new double[] {50, 10, 50, 10}, cost.get(0).y(), 0);
        assertFalse(cost.get(1).faint());
        assertArrayEquals(Smoothing.ema(new double[] {50, 10, 50, 10}, 0.5), cost.get(1).y(), 0);
        assertThrows(IllegalArgumentException.class, () -> m.setSmoothing(1.0));
    }

    @Test
    void theWallTimeAxisUsesSecondsAndLeavesOutRunsWithoutTimes() {
        SeriesModel m = new SeriesModel();
        m.setLive(run("live", 50, 40));
        m.addOverlay(ReferenceRun.series());
        m.setXAxis(SeriesModel.XAxis.WALL_TIME);
        List<SeriesModel.Line> cost = m.drawn(RunSeries.COST);
        assertEquals(1, cost.size(), "the reference log has no times");
        assertArrayEquals(new double[] {10, 20}, cost.get(0).x(), 0);
        m.setXAxis(SeriesModel.XAxis.EPOCH);
        assertEquals(2, m.drawn(RunSeries.COST).size());
        assertArrayEquals(new double[] {1, 2}, m.drawn(RunSeries.COST).get(0).x(), 0);
    }
}
