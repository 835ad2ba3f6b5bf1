package goodness.ui.playground;

import goodness.ff.playground.Landscape;
import goodness.ff.playground.PlanePoints;
import goodness.ui.ColorMaps;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Draws the Playground's pictures from a finished {@link Landscape}: the decision regions, the
 * goodness heat map of a class with its threshold contour, a unit's map, and points. Only
 * colouring and copying pixels: every number was computed on the worker.
 */
final class PlaygroundDrawing {
    /** One colour per class: orange, blue, green, purple, red. */
    static final Color[] CLASS_COLORS = {Color.rgb(245, 140, 30), Color.rgb(40, 110, 220), Color.rgb(40, 170, 80),
            Color.rgb(150, 70, 200), Color.rgb(215, 40, 60)};
    static final String[] CLASS_NAMES = {"orange", "blue", "green", "purple", "red"};

    private PlaygroundDrawing() {
    }

    static Color classColor(int c) {
        return CLASS_COLORS[c % CLASS_COLORS.length];
    }

    /** The decision regions: each cell in its class's colour, paler where the winning margin is small. */
    static int[] regions(Landscape l, float[][] good) {
        int n = l.size() * l.size();
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            int c = l.region()[i];
            double best = good[c][i], second = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < good.length; k++) if (k != c) second = Math.max(second, good[k][i]);
            double margin = Math.min(1, (best - second) / Math.max(1e-9, 0.25 * l.threshold()));
            Color col = classColor(c);
            double a = 0.25 + 0.45 * margin;
            px[i] = ColorMaps.argb((int) (255 * (1 - a) + 255 * col.getRed() * a), (int) (255 * (1 - a) + 255 * col.getGreen() * a),
                    (int) (255 * (1 - a) + 255 * col.getBlue() * a));
        }
        return px;
    }

    /** A class's goodness as heat (black 0, white at twice the threshold), the threshold contour in cyan. */
    static int[] heat(float[] g, int size, double threshold) {
        int[] px = new int[size * size];
        double scale = 1 / Math.max(1e-9, 2 * threshold);
        int contour = ColorMaps.argb(0, 230, 255);
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) {
                int i = r * size + c;
                boolean above = g[i] > threshold;
                boolean edge = (c + 1 < size && (g[i + 1] > threshold) != above) || (r + 1 < size && (g[i + size] > threshold) != above);
                px[i] = edge ? contour : ColorMaps.heat(g[i] * scale);
            }
        return px;
    }

    /** A unit's response scaled by its largest value on the map. */
    static int[] unit(float[] s) {
        double max = ColorMaps.maxAbs(s, 0, s.length);
        int[] px = new int[s.length];
        for (int i = 0; i < s.length; i++) px[i] = ColorMaps.heat(s[i] / max);
        return px;
    }

    /** Paints {@code px} (size × size) over the whole canvas, one block per cell. */
    static void paint(Canvas canvas, int[] px, int size) {
        // One image per canvas and size, kept in the canvas's properties: a new image per frame costs more than its pixels.
        Object kept = canvas.getProperties().get(PlaygroundDrawing.class);
        WritableImage img = kept instanceof WritableImage w && (int) w.getWidth() == size ? w : new WritableImage(size, size);
        canvas.getProperties().put(PlaygroundDrawing.class, img);
        img.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), px, 0, size);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());   // drops the last frame's drawing commands
        g.setImageSmoothing(false);
        g.drawImage(img, 0, 0, canvas.getWidth(), canvas.getHeight());
    }

    /**
     * Paints {@code px} (size × size) into the square at (x, y) of side {@code side}; {@code slot}
     * names the cached image (one per square of a canvas).
     */
    static void paintAt(Canvas canvas, int[] px, int size, double x, double y, double side, int slot) {
        String key = "img" + slot;
        Object kept = canvas.getProperties().get(key);
        WritableImage img = kept instanceof WritableImage w && (int) w.getWidth() == size ? w : new WritableImage(size, size);
        canvas.getProperties().put(key, img);
        img.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), px, 0, size);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setImageSmoothing(false);
        g.drawImage(img, x, y, side, side);
    }

    /** Canvas x of plane x. */
    static double toCanvas(double v, double extent, double pixels) {
        return (v + extent) / (2 * extent) * pixels;
    }

    /** Plane x of canvas x (plane y: pass pixels − canvas y... see {@link #planeY}). */
    static double planeX(double cx, double extent, double pixels) {
        return cx / pixels * 2 * extent - extent;
    }

    static double planeY(double cy, double extent, double pixels) {
        return extent - cy / pixels * 2 * extent;
    }

    /** The points, each a dot in its class's colour with a white ring; only class {@code only} when it is ≥ 0. */
    static void points(Canvas canvas, PlanePoints p, float extent, double radius, int only) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setLineWidth(1);
        for (int i = 0; i < p.size(); i++) {
            if (only >= 0 && p.label(i) != only) continue;
            double x = toCanvas(p.x(i), extent, w), y = h - toCanvas(p.y(i), extent, h);
            g.setFill(classColor(p.label(i)));
            g.fillOval(x - radius, y - radius, 2 * radius, 2 * radius);
            g.setStroke(Color.WHITE);
            g.strokeOval(x - radius, y - radius, 2 * radius, 2 * radius);
        }
    }

    /** The batch's negatives: a cross in the colour of the class they were given. */
    static void negatives(Canvas canvas, float[] x, float[] y, int[] label, float extent) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight(), r = 4.5;
        g.setLineWidth(2.2);
        for (int i = 0; i < x.length; i++) {
            double cx = toCanvas(x[i], extent, w), cy = h - toCanvas(y[i], extent, h);
            g.setStroke(Color.BLACK);
            g.strokeLine(cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1);
            g.strokeLine(cx - r - 1, cy + r + 1, cx + r + 1, cy - r - 1);
            g.setStroke(classColor(label[i]));
            g.setLineWidth(1.6);
            g.strokeLine(cx - r, cy - r, cx + r, cy + r);
            g.strokeLine(cx - r, cy + r, cx + r, cy - r);
            g.setLineWidth(2.2);
        }
    }

    /** The batch's positive points ringed in black. */
    static void ring(Canvas canvas, float[] x, float[] y, float extent) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight(), r = 6;
        g.setStroke(Color.BLACK);
        g.setLineWidth(1.5);
        for (int i = 0; i < x.length; i++) {
            double cx = toCanvas(x[i], extent, w), cy = h - toCanvas(y[i], extent, h);
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        }
    }
}
