package goodness.drawings;

import goodness.data.LabeledImages;
import goodness.ui.draw.DrawingCanvas;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The digits the app's own tests draw and predict with the bundled model, in one place: the
 * tests draw them from here, and {@code scripts/drawing-expectations.sh} predicts the same drawings with
 * any model file, so that what a new bundled model would change is one command away.
 */
public final class AppDrawings {
    private AppDrawings() {
    }

    /** GoodnessAppTest draws a "1" on the Draw tab's canvas: one mouse stroke, nearly vertical. */
    public static final int VERTICAL_ONE_LABEL = 1;

    /**
     * The mouse positions of that stroke, in the canvas's own coordinates (0..280): the press,
     * then every drag; the release adds no point.
     */
    public static List<double[]> verticalOnePath() {
        List<double[]> path = new ArrayList<>();
        path.add(new double[] {140, 50});
        for (int y = 55; y <= 230; y += 5) path.add(new double[] {140 + (y - 50) / 30.0, y});
        return path;
    }

    /** The stroke as the canvas records it from {@link #verticalOnePath()}: {x0, y0, x1, y1, ...} in floats. */
    public static float[] verticalOneStroke() {
        List<double[]> path = verticalOnePath();
        float[] xy = new float[2 * path.size()];
        for (int i = 0; i < path.size(); i++) {
            xy[2 * i] = (float) path.get(i)[0];
            xy[2 * i + 1] = (float) path.get(i)[1];
        }
        return xy;
    }

    /** The canvas's size and pen, as the Draw tab rasterises strokes. */
    public static final int CANVAS_SIZE = DrawingCanvas.SIZE;
    public static final float PEN_RADIUS = DrawingCanvas.PEN_RADIUS;

    /** PredictCliTest predicts MNIST test image 0 (a 7), written as a 200×200 PNG of dark ink on white. */
    public static final int TEST_IMAGE = 0, TEST_IMAGE_LABEL = 7, TEST_IMAGE_PNG_SIZE = 200;

    /** Test image {@code index} of {@code set} scaled to {@code size}×{@code size} (nearest pixel), dark ink on white paper. */
    public static BufferedImage darkOnWhite(LabeledImages set, int index, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) {
                int g = Math.round(255 * (1 - set.pixel(index, y * 28 / size, x * 28 / size)));
                img.setRGB(x, y, g << 16 | g << 8 | g);
            }
        return img;
    }

    /**
     * Image {@code index} of {@code set} as it would be drawn on the canvas: scaled to the
     * canvas's 280×280 (nearest pixel), bright ink on black, grey levels in [0, 1].
     */
    public static float[] onCanvas(LabeledImages set, int index) {
        float[] gray = new float[CANVAS_SIZE * CANVAS_SIZE];
        for (int y = 0; y < CANVAS_SIZE; y++)
            for (int x = 0; x < CANVAS_SIZE; x++) gray[y * CANVAS_SIZE + x] = set.pixel(index, y * 28 / CANVAS_SIZE, x * 28 / CANVAS_SIZE);
        return gray;
    }
}
