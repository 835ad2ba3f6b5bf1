package goodness.ui.training;

import goodness.ff.FFConfig;
import goodness.service.TrainingEvent;
import goodness.ui.RunSeries;
import goodness.ui.SeriesModel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws one of the Training tab's time charts from the series model: its lines (with the
 * comparison legend while runs are compared), the settings-change markers, the line where an
 * unsupervised run's readout-only epochs begin, the gain chart's title with the rate now applied,
 * and the goodness chart's thresholds.
 */
final class TimeChartDrawing {
    private TimeChartDrawing() {
    }

    /**
     * @param name        the chart's name ({@link RunSeries#CHARTS})
     * @param markers     the live run's settings changes so far
     * @param liveConfig  the live run's configuration (null: no run)
     * @param appliedRate the learning rate applied in the last epoch (NaN: none yet)
     * @param thresholds  the goodness thresholds of the live run's layers
     */
    static void draw(JFreeChart chart, String name, SeriesModel model, List<TrainingEvent.SettingChanged> markers,
                     FFConfig liveConfig, double appliedRate, List<Double> thresholds) {
        XYPlot p = chart.getXYPlot();
        drawLines(p, name, model);
        p.clearDomainMarkers();
        RunSeries live = model.live();
        for (TrainingEvent.SettingChanged s : markers) {
            double x = model.xAxis() == SeriesModel.XAxis.EPOCH ? s.x() : live == null ? Double.NaN : live.secondsAt(s.x());
            if (Double.isFinite(x)) p.addDomainMarker(ChartStyles.settingMarker(x, s.label()));
        }
        // An unsupervised run's last stretch trains only its readout: a line where that begins.
        if (liveConfig != null && liveConfig.readoutEpochs() > 0 && model.xAxis() == SeriesModel.XAxis.EPOCH)
            p.addDomainMarker(ChartStyles.stageMarker(liveConfig.epochs(), "readout only (layers frozen)"));
        if (name.equals(RunSeries.GAIN)) {
            chart.setTitle(Double.isFinite(appliedRate)
                    ? String.format(Locale.ROOT, "Learning-rate gain (applied; rate now %.3g)", appliedRate)
                    : "Learning-rate gain (applied)");
        }
        if (name.equals(RunSeries.GOODNESS)) {
            p.clearRangeMarkers();
            for (double t : thresholds) p.addRangeMarker(ChartStyles.thresholdMarker(t));
        }
    }

    /** Replaces the plot's dataset's series with the model's lines for this chart, styled and with their legend. */
    private static void drawLines(XYPlot p, String name, SeriesModel model) {
        XYSeriesCollection data = (XYSeriesCollection) p.getDataset();
        data.removeAllSeries();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer();
        List<SeriesModel.Line> lines = model.drawn(name);
        for (int i = 0; i < lines.size(); i++) {
            SeriesModel.Line l = lines.get(i);
            XYSeries s = new XYSeries(l.name(), false, true);
            for (int k = 0; k < l.size(); k++) s.add(l.x()[k], l.y()[k], false);
            data.addSeries(s);
            ChartStyles.styleLine(r, i, l, name, model.comparing());
        }
        if (model.comparing()) {
            Map<Integer, String> labels = new HashMap<>();
            if (model.live() != null) labels.put(0, model.live().label());
            for (RunSeries o : model.overlays()) labels.put(model.slotOf(o.id()), o.label());
            p.setFixedLegendItems(ChartStyles.comparisonLegend(lines, labels));
        } else {
            p.setFixedLegendItems(null);
        }
    }
}
