package goodness.ui.training;

import goodness.ff.training.BatchSnapshot;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.statistics.HistogramDataset;

import java.util.List;

/** Draws the Training tab's goodness histogram of the last batch. */
final class HistogramDrawing {
    private HistogramDrawing() {
    }

    /** The last batch's goodness of one layer, positive and negative cases, with the layer's threshold. */
    static void draw(JFreeChart chart, BatchSnapshot s, int histogramLayer) {
        XYPlot p = chart.getXYPlot();
        HistogramDataset d = new HistogramDataset();
        p.clearDomainMarkers();
        if (s != null && histogramLayer < s.lastPos().size()) {
            double[] pos = toDouble(s.lastPos().get(histogramLayer)), neg = toDouble(s.lastNeg().get(histogramLayer));
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] a : List.of(pos, neg)) for (double v : a) if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (lo < hi) {
                if (pos.length > 0) d.addSeries("positive", pos, 30, lo, hi);
                if (neg.length > 0) d.addSeries("negative", neg, 30, lo, hi);
            }
            chart.setTitle("Last batch goodness, layer " + (histogramLayer + 1)
                    + " (epoch " + s.epoch() + ", batch " + s.batch() + ")");
            if (histogramLayer < s.threshold().size()) p.addDomainMarker(ChartStyles.histogramThreshold(s.threshold().get(histogramLayer)));
        }
        p.setDataset(d);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
