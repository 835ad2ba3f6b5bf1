package goodness.service;

import java.util.List;

/**
 * Draws pen strokes (polylines of x,y pairs) with round caps into a grayscale image: ink 1 on a
 * background of 0, anti-aliased over one pixel at the stroke edge. Pure Java, no toolkit, so it
 * runs on the prediction thread.
 */
public final class StrokeRasterizer {
    private StrokeRasterizer() {
    }

    /**
     * @param strokes each stroke as {x0, y0, x1, y1, ...}; a single point draws a dot
     * @param radius  half the pen width, in pixels
     */
    public static float[] rasterize(List<float[]> strokes, int width, int height, float radius) {
        float[] img = new float[width * height];
        for (float[] s : strokes) {
            if (s.length < 2) continue;
            if (s.length == 2) segment(img, width, height, s[0], s[1], s[0], s[1], radius);
            for (int i = 2; i + 1 < s.length; i += 2) segment(img, width, height, s[i - 2], s[i - 1], s[i], s[i + 1], radius);
        }
        return img;
    }

    private static void segment(float[] img, int w, int h, float x0, float y0, float x1, float y1, float r) {
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r - 1)), maxX = Math.min(w - 1, (int) Math.ceil(Math.max(x0, x1) + r + 1));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r - 1)), maxY = Math.min(h - 1, (int) Math.ceil(Math.max(y0, y1) + r + 1));
        float dx = x1 - x0, dy = y1 - y0;
        float len2 = dx * dx + dy * dy;
        for (int y = minY; y <= maxY; y++) {
            float py = y + 0.5f;
            for (int x = minX; x <= maxX; x++) {
                float px = x + 0.5f;
                float t = len2 == 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / len2;
                t = Math.max(0, Math.min(1, t));
                float ex = px - (x0 + t * dx), ey = py - (y0 + t * dy);
                float d = (float) Math.sqrt(ex * ex + ey * ey);
                float v = Math.max(0f, Math.min(1f, r + 0.5f - d));
                int i = y * w + x;
                if (v > img[i]) img[i] = v;
            }
        }
    }
}
