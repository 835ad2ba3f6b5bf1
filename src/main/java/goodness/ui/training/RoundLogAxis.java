package goodness.ui.training;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A log axis whose ticks sit on round values (1, 2, 5 × 10ⁿ) and are labelled without needless
 * decimals. JFreeChart's own LogAxis steps by a fixed power, which puts ticks at 31.623, 19.953,
 * 3.162 …: values nobody reads off a chart. Tick choice is a pure function so it can be tested
 * without drawing.
 */
final class RoundLogAxis extends LogAxis {
    /** Mantissas per decade, densest first: the axis takes the densest that fits its length. */
    private static final int[][] MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 5}, {1}};
    /** Linear fallback steps (× 10ⁿ) for a range too narrow to hold two log-round values. */
    private static final int[] LINEAR_STEPS = {1, 2, 5};

    RoundLogAxis(String label) {
        super(label);
    }

    /**
     * Round tick values within [lower, upper], at most maxTicks of them (at least two where the
     * range allows): 1..9 × 10ⁿ for a narrow range, 1, 2, 5 × 10ⁿ, then only 10ⁿ, then every
     * k-th decade for a very wide one; a range holding fewer than two of these (say 31 to 45)
     * gets plain round numbers (35, 40, 45).
     */
    static List<Double> tickValues(double lower, double upper, int maxTicks) {
        List<Double> none = List.of();
        if (!(lower > 0) || !(upper > lower) || Double.isInfinite(upper)) return none;
        maxTicks = Math.max(2, maxTicks);
        int lo = (int) Math.floor(Math.log10(lower)), hi = (int) Math.ceil(Math.log10(upper));
        for (int[] set : MANTISSAS) {
            List<Double> t = logTicks(lower, upper, lo, hi, set, 1);
            if (t.size() <= maxTicks) return t.size() >= 2 ? t : linearTicks(lower, upper, maxTicks, t);
        }
        for (int every = 2; ; every++) {
            List<Double> t = logTicks(lower, upper, lo, hi, MANTISSAS[2], every);
            if (t.size() <= maxTicks) return t;
        }
    }

    private static List<Double> logTicks(double lower, double upper, int lo, int hi, int[] mantissas, int everyDecades) {
        List<Double> t = new ArrayList<>();
        for (int e = Math.floorDiv(lo, everyDecades) * everyDecades; e <= hi; e += everyDecades) {
            for (int m : mantissas) {
                double v = Double.parseDouble(m + "E" + e);   // exact decimal, not m × 10.0^e with its rounding
                if (v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9)) t.add(v);
            }
        }
        return t;
    }

    /** Evenly spaced round values (1, 2, 5 × 10ⁿ apart); the log-round ticks where they are more. */
    private static List<Double> linearTicks(double lower, double upper, int maxTicks, List<Double> logRound) {
        for (int e = (int) Math.floor(Math.log10((upper - lower) / maxTicks)) - 1; ; e++) {
            for (int s : LINEAR_STEPS) {
                BigDecimal step = new BigDecimal(s + "E" + e);
                BigDecimal v = new BigDecimal(lower).divide(step, 0, java.math.RoundingMode.CEILING).multiply(step);
                List<Double> t = new ArrayList<>();
                for (; v.doubleValue() <= upper * (1 + 1e-9); v = v.add(step)) t.add(v.doubleValue());
                if (t.size() <= maxTicks) return t.size() >= logRound.size() ? t : logRound;
            }
        }
    }

    /** A tick label without needless decimals: 0.5, 1, 20, 0.001; very large or small in E notation. */
    static String label(double v) {
        double a = Math.abs(v);
        String pattern = a != 0 && (a >= 1e6 || a < 1e-4) ? "0.##E0" : "0.######";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    @Override
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        g2.setFont(getTickLabelFont());
        double labelHeight = g2.getFontMetrics().getHeight();
        // Room for a label and a gap of about one and a half labels between ticks.
        int maxTicks = (int) (dataArea.getHeight() / (labelHeight * 2.5));
        TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
        return ticks(maxTicks, anchor);
    }

    @Override
    protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        g2.setFont(getTickLabelFont());
        double labelWidth = g2.getFontMetrics().stringWidth("0.0005");
        int maxTicks = (int) (dataArea.getWidth() / (labelWidth * 1.8));
        TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
        return ticks(maxTicks, anchor);
    }

    private List<NumberTick> ticks(int maxTicks, TextAnchor anchor) {
        List<NumberTick> ticks = new ArrayList<>();
        double lower = Math.max(getLowerBound(), getSmallestValue());
        for (double v : tickValues(lower, getUpperBound(), maxTicks))
            ticks.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, anchor, 0.0));
        return ticks;
    }
}
