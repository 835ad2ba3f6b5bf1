package goodness.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the time charts show, without any chart toolkit: the live run and the runs overlaid on
 * it, each a {@link RunSeries}, and the view options (smoothing, x axis). {@link #drawn} turns
 * them into the lines of one chart, in a fixed order, ready to hand to a plotting library.
 *
 * <p>Legend names: with only the live run shown, a series keeps its plain name ("trainlogcost",
 * "layer 2"); once runs are compared, every series is prefixed with its run's label. Each run
 * keeps the colour slot it got when it was added, so a colour does not jump when another run is
 * removed.
 */
public final class SeriesModel {
    /** What the x axis measures. */
    public enum XAxis {
        EPOCH("epoch"), WALL_TIME("wall time (s)");

        private final String label;

        XAxis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One line to draw.
     *
     * @param name       legend name (unique within the chart)
     * @param runSlot    the run's colour slot (0 = the live run, 1.. overlaid runs in the order added)
     * @param seriesSlot the series' position within its run's chart (layer colours, dash patterns)
     * @param faint      the raw line behind a smoothed one (no legend entry)
     * @param x          x values, ascending
     * @param y          y values
     */
    public record Line(String name, int runSlot, int seriesSlot, boolean faint, double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    private RunSeries live;
    private final Map<String, RunSeries> overlays = new LinkedHashMap<>();
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private int nextSlot = 1;
    private double smoothing;
    private XAxis xAxis = XAxis.EPOCH;

    public RunSeries live() {
        return live;
    }

    /** The run being trained (null: none). */
    public void setLive(RunSeries run) {
        live = run;
    }

    /** Adds (or replaces, keeping its colour) an overlaid run. */
    public void addOverlay(RunSeries run) {
        overlays.put(run.id(), run);
        slots.computeIfAbsent(run.id(), k -> nextSlot++);
    }

    public void removeOverlay(String id) {
        overlays.remove(id);
        slots.remove(id);
    }

    /** Shows exactly these overlaid runs (those already shown keep their colours). */
    public void setOverlays(List<RunSeries> runs) {
        List<String> keep = new ArrayList<>();
        for (RunSeries r : runs) keep.add(r.id());
        for (String id : List.copyOf(overlays.keySet())) if (!keep.contains(id)) removeOverlay(id);
        for (RunSeries r : runs) addOverlay(r);
    }

    public List<RunSeries> overlays() {
        return List.copyOf(overlays.values());
    }

    /** The colour slot of an overlaid run (0 for the live run), or -1. */
    public int slotOf(String id) {
        if (live != null && live.id().equals(id)) return 0;
        Integer s = slots.get(id);
        return s == null ? -1 : s;
    }

    /** Whether more than one run is drawn (then legends name the run and colours mark runs). */
    public boolean comparing() {
        return !overlays.isEmpty();
    }

    public double smoothing() {
        return smoothing;
    }

    /** Smoothing weight in [0, 1): 0 draws the raw values only. */
    public void setSmoothing(double weight) {
        if (!(weight >= 0 && weight < 1)) throw new IllegalArgumentException("smoothing must be in [0, 1), got " + weight);
        smoothing = weight;
    }

    public XAxis xAxis() {
        return xAxis;
    }

    public void setXAxis(XAxis axis) {
        xAxis = axis;
    }

    /**
     * The lines of one chart: the live run's series, then each overlaid run's, skipping empty
     * ones and, on a wall-time axis, runs without times. With smoothing, each series becomes a
     * faint raw line followed by its smoothed line.
     */
    public List<Line> drawn(String chart) {
        List<Line> out = new ArrayList<>();
        if (live != null) add(out, live, 0, chart);
        for (RunSeries r : overlays.values()) add(out, r, slots.get(r.id()), chart);
        return out;
    }

    private void add(List<Line> out, RunSeries run, int slot, String chart) {
        List<String> names = run.seriesNames(chart);
        for (int i = 0; i < names.size(); i++) {
            List<RunSeries.Point> p = run.points(chart, names.get(i));
            double[] x = new double[p.size()], y = new double[p.size()];
            int n = 0;
            for (RunSeries.Point q : p) {
                double xv = xAxis == XAxis.EPOCH ? q.epoch() : q.seconds();
                if (Double.isNaN(xv)) continue;
                x[n] = xv;
                y[n++] = q.value();
            }
            if (n == 0) continue;
            if (n < x.length) {
                x = java.util.Arrays.copyOf(x, n);
                y = java.util.Arrays.copyOf(y, n);
            }
            String name = comparing() ? run.label() + " · " + names.get(i) : names.get(i);
            if (smoothing > 0 && n > 1) {
                out.add(new Line(name + " (raw)", slot, i, true, x, y));
                out.add(new Line(name, slot, i, false, x, Smoothing.ema(y, smoothing)));
            } else {
                out.add(new Line(name, slot, i, false, x, y));
            }
        }
    }
}
