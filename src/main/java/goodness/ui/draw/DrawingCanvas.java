package goodness.ui.draw;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A 280×280 canvas for drawing a digit with the mouse or a pen: thick round strokes, white on
 * black like MNIST, an undo stack of strokes and clear. After every change the listener gets
 * the strokes (as {x,y,x,y,...} arrays); rasterising and predicting happen elsewhere, off the
 * FX thread.
 */
public final class DrawingCanvas extends Canvas {
    public static final int SIZE = 280;
    public static final float PEN_RADIUS = 10f;

    private final List<float[]> strokes = new ArrayList<>();
    private float[] current;
    private int currentLength;
    private Consumer<List<float[]>> onChange = s -> { };

    public DrawingCanvas() {
        super(SIZE, SIZE);
        getStyleClass().add("drawing-canvas");
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> finishStroke());
        redraw();
    }

    public void setOnChange(Consumer<List<float[]>> listener) {
        onChange = listener == null ? s -> { } : listener;
    }

    /** The strokes so far, including the one being drawn (copies). */
    public List<float[]> strokes() {
        List<float[]> out = new ArrayList<>(strokes.size() + 1);
        for (float[] s : strokes) out.add(s.clone());
        if (current != null) out.add(java.util.Arrays.copyOf(current, currentLength));
        return out;
    }

    public int strokeCount() {
        return strokes.size() + (current != null ? 1 : 0);
    }

    public void clear() {
        strokes.clear();
        current = null;
        redraw();
        onChange.accept(strokes());
    }

    public void undo() {
        if (current != null) current = null;
        else if (!strokes.isEmpty()) strokes.remove(strokes.size() - 1);
        redraw();
        onChange.accept(strokes());
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() == MouseButton.SECONDARY) {
            undo();
            return;
        }
        current = new float[64];
        currentLength = 0;
        append((float) e.getX(), (float) e.getY());
        GraphicsContext g = getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillOval(e.getX() - PEN_RADIUS, e.getY() - PEN_RADIUS, 2 * PEN_RADIUS, 2 * PEN_RADIUS);
        onChange.accept(strokes());
    }

    private void dragged(MouseEvent e) {
        if (current == null) return;
        float x = (float) Math.max(0, Math.min(SIZE, e.getX())), y = (float) Math.max(0, Math.min(SIZE, e.getY()));
        float px = current[currentLength - 2], py = current[currentLength - 1];
        append(x, y);
        GraphicsContext g = getGraphicsContext2D();
        pen(g);
        g.strokeLine(px, py, x, y);
        onChange.accept(strokes());
    }

    private void finishStroke() {
        if (current == null) return;
        strokes.add(java.util.Arrays.copyOf(current, currentLength));
        current = null;
    }

    private void append(float x, float y) {
        if (currentLength + 2 > current.length) current = java.util.Arrays.copyOf(current, current.length * 2);
        current[currentLength++] = x;
        current[currentLength++] = y;
    }

    private static void pen(GraphicsContext g) {
        g.setStroke(Color.WHITE);
        g.setLineWidth(2 * PEN_RADIUS);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
    }

    private void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, getWidth(), getHeight());
        pen(g);
        g.setFill(Color.WHITE);
        List<float[]> all = new ArrayList<>(strokes);
        if (current != null) all.add(java.util.Arrays.copyOf(current, currentLength));
        for (float[] s : all) {
            if (s.length == 2) g.fillOval(s[0] - PEN_RADIUS, s[1] - PEN_RADIUS, 2 * PEN_RADIUS, 2 * PEN_RADIUS);
            for (int i = 2; i + 1 < s.length; i += 2) g.strokeLine(s[i - 2], s[i - 1], s[i], s[i + 1]);
        }
    }
}
