package goodness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The preprocessor makes digits the way MNIST's were made: longer side 20 pixels, aspect kept,
 * centre of mass at (14, 14), bright ink on black, whatever the size, position and polarity
 * of the input.
 */
class DigitPreprocessorTest {

    private static final int W = 280;

    // ---- drawing digits -------------------------------------------------------------------

    private static float[] canvas(float background) {
        float[] c = new float[W * W];
        Arrays.fill(c, background);
        return c;
    }

    /** A stroke of round pen of the given radius from (x0,y0) to (x1,y1). */
    private static void stroke(float[] c, int x0, int y0, int x1, int y1, int r, float ink) {
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        for (int s = 0; s <= steps; s++) {
            double t = steps == 0 ? 0 : (double) s / steps;
            int cx = (int) Math.round(x0 + t * (x1 - x0));
            int cy = (int) Math.round(y0 + t * (y1 - y0));
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    if (x >= 0 && y >= 0 && x < W && y < W && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        c[y * W + x] = ink;
                    }
                }
            }
        }
    }

    /** A "7" in the top-left corner of the canvas, far from the centre. */
    private static float[] seven(float background, float ink) {
        float[] c = canvas(background);
        stroke(c, 15, 20, 110, 20, 8, ink);
        stroke(c, 110, 20, 50, 170, 8, ink);
        return c;
    }

    private static void fillRect(float[] c, int x, int y, int w, int h, float ink) {
        for (int j = y; j < y + h; j++) {
            Arrays.fill(c, j * W + x, j * W + x + w, ink);
        }
    }

    // ---- measuring digits -----------------------------------------------------------------

    /** Intensity-weighted centre of mass {x, y} in index coordinates. */
    private static double[] centreOfMass(float[] img) {
        double m = 0, mx = 0, my = 0;
        for (int i = 0; i < img.length; i++) {
            m += img[i];
            mx += img[i] * (i % 28);
            my += img[i] * (i / 28);
        }
        return new double[] {mx / m, my / m};
    }

    /** {width, height} of the box around the non-zero pixels. */
    private static int[] inkSize(float[] img) {
        int x0 = 28, y0 = 28, x1 = -1, y1 = -1;
        for (int i = 0; i < img.length; i++) {
            if (img[i] > 0f) {
                x0 = Math.min(x0, i % 28);
                x1 = Math.max(x1, i % 28);
                y0 = Math.min(y0, i / 28);
                y1 = Math.max(y1, i / 28);
            }
        }
        return new int[] {x1 - x0 + 1, y1 - y0 + 1};
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static void assertMnistLike(float[] out) {
        assertEquals(784, out.length);
        for (float v : out) {
            assertTrue(v >= 0f && v <= 1f, "value outside [0,1]: " + v);
        }
        for (int i = 0; i < DigitPreprocessor.LABEL_PIXELS; i++) {
            assertEquals(0f, out[i], "label pixel " + i);
        }
    }

    // ---- specifications -------------------------------------------------------------------

    @Test
    void offCentreDarkSevenIsCentredByMassAndFitsTwentyPixels() {
        PreprocessedDigit d = DigitPreprocessor.preprocess(seven(1f, 0f), W, W);
        assertFalse(d.empty());
        float[] out = d.pixels();
        assertMnistLike(out);
        double[] com = centreOfMass(out);
        assertEquals(14.0, com[0], 1.0, "x centre of mass");
        assertEquals(14.0, com[1], 1.0, "y centre of mass");
        int[] size = inkSize(out);
        assertEquals(20, Math.max(size[0], size[1]), "longer side");
        assertTrue(size[0] <= 20 && size[1] <= 20);
        // strokes become bright ink, at full strength in their cores
        float max = 0f;
        for (float v : out) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 1e-6f);
        // the ink box is reported in canvas coordinates: pen radius 8 around x 15..110, y 20..170
        assertEquals(new PreprocessedDigit.Box(7, 12, 112, 167), d.inkBox());
    }

    @Test
    void polarityDoesNotMatter() {
        float[] darkOnLight = DigitPreprocessor.preprocess(seven(1f, 0f), W, W).pixels();
        float[] lightOnDark = DigitPreprocessor.preprocess(seven(0f, 1f), W, W).pixels();
        float[] greyPaper = DigitPreprocessor.preprocess(seven(0.85f, 0.15f), W, W).pixels();
        for (int i = 0; i < 784; i++) {
            assertEquals(darkOnLight[i], lightOnDark[i], 1e-5f, "pixel " + i);
            assertEquals(darkOnLight[i], greyPaper[i], 1e-5f, "pixel " + i);
        }
    }

    @Test
    void blankPicturesAreEmpty() {
        float[] faint = canvas(0.5f);
        fillRect(faint, 100, 100, 30, 30, 0.55f); // below the minimum contrast
        for (float[] blank : new float[][] {canvas(1f), canvas(0f), canvas(0.5f), faint}) {
            PreprocessedDigit d = DigitPreprocessor.preprocess(blank, W, W);
            assertTrue(d.empty());
            assertArrayEquals(new float[784], d.pixels());
            assertEquals(PreprocessedDigit.Box.NONE, d.inkBox());
        }
    }

    @Test
    void aspectRatioIsKept() {
        float[] tall = canvas(1f);
        fillRect(tall, 200, 30, 40, 80, 0f); // 40 wide, 80 tall, off-centre
        float[] out = DigitPreprocessor.preprocess(tall, W, W).pixels();
        assertArrayEquals(new int[] {10, 20}, inkSize(out));
        float[] wide = canvas(1f);
        fillRect(wide, 10, 200, 90, 30, 0f); // 3:1 wide
        int[] size = inkSize(DigitPreprocessor.preprocess(wide, W, W).pixels());
        assertEquals(20, size[0]);
        assertEquals(7, size[1]); // round(30 * 20 / 90) = 7
    }

    @Test
    void solidBlockAveragesToSolidInkWithCentreOfMassOnPixelFourteen() {
        float[] c = canvas(0f);
        fillRect(c, 3, 3, 100, 100, 1f);
        float[] out = DigitPreprocessor.preprocess(c, W, W).pixels();
        // a 20x20 block of 1s has its centre of mass at 9.5; the shift 14 - 9.5 = 4.5 rounds
        // half up to 5, so the block covers pixels 5..24 and its centre of mass lands on 14.5
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                boolean inside = x >= 5 && x <= 24 && y >= 5 && y <= 24;
                assertEquals(inside ? 1f : 0f, out[y * 28 + x], 1e-5f, "(" + x + "," + y + ")");
            }
        }
    }

    @Test
    void tinyInputIsEnlarged() {
        float[] small = new float[5 * 5];
        small[2 * 5 + 1] = 1f;
        small[2 * 5 + 2] = 1f;
        small[2 * 5 + 3] = 1f; // a 3x1 dash
        float[] out = DigitPreprocessor.preprocess(small, 5, 5).pixels();
        assertMnistLike(out);
        assertEquals(20, inkSize(out)[0]);
        assertEquals(7, inkSize(out)[1]);
    }

    /**
     * The strongest evidence that the recipe is MNIST's: real MNIST digits, blown up to a
     * 280x280 canvas as dark ink on white, come back as (almost) themselves.
     *
     * <p>Not always pixel for pixel: both MNIST and this class round the centring shift to a
     * whole pixel, and when a digit's fractional centre of mass lies near .5 a tiny difference
     * in resampling flips the rounding, moving the whole digit by one pixel. That is as
     * MNIST-like as the original (MNIST's own centres spread over +-0.5 px), but it lowers the
     * plain cosine of thin digits such as "1". So every digit must match well once aligned
     * within one pixel, and the plain similarity must be high on average and for nearly all.
     */
    @Test
    void mnistDigitsBlownUpToACanvasComeBackAsThemselves() {
        IdxImages t10k = IdxReader.readImages(
                DatasetLoader.defaultDataRoot().resolve("mnist").resolve(DatasetLoader.TEST_IMAGES));
        int n = 200;
        double sum = 0, worstAligned = 1;
        int poor = 0;
        for (int k = 0; k < n; k++) {
            float[] original = new float[784];
            for (int i = 0; i < 784; i++) {
                original[i] = (t10k.pixels()[k * 784 + i] & 0xFF) / 255f;
            }
            // render as dark ink on white paper at 10x, with bilinear smoothing
            float[] big = new float[W * W];
            for (int y = 0; y < W; y++) {
                for (int x = 0; x < W; x++) {
                    big[y * W + x] = 1f - bilinear(original, (x + 0.5) / 10 - 0.5, (y + 0.5) / 10 - 0.5);
                }
            }
            float[] again = DigitPreprocessor.preprocess(big, W, W).pixels();
            assertMnistLike(again);
            double[] com = centreOfMass(again);
            assertEquals(14.0, com[0], 0.5 + 1e-9, "x centre of mass, digit " + k);
            assertEquals(14.0, com[1], 0.5 + 1e-9, "y centre of mass, digit " + k);

            double cos = cosine(original, again);
            sum += cos;
            if (cos < 0.8) {
                poor++;
            }
            double aligned = cos;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    aligned = Math.max(aligned, cosine(original, shift(again, dx, dy)));
                }
            }
            worstAligned = Math.min(worstAligned, aligned);
        }
        assertTrue(worstAligned > 0.85, "worst cosine similarity within one pixel " + worstAligned);
        assertTrue(sum / n > 0.93, "mean cosine similarity " + sum / n);
        assertTrue(poor <= n / 20, poor + " of " + n + " digits have cosine similarity below 0.8");
    }

    private static float[] shift(float[] img, int dx, int dy) {
        float[] out = new float[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int tx = x + dx, ty = y + dy;
                if (tx >= 0 && ty >= 0 && tx < 28 && ty < 28) {
                    out[ty * 28 + tx] = img[y * 28 + x];
                }
            }
        }
        return out;
    }

    private static float bilinear(float[] img, double x, double y) {
        x = Math.max(0, Math.min(27, x));
        y = Math.max(0, Math.min(27, y));
        int x0 = (int) x, y0 = (int) y;
        int x1 = Math.min(27, x0 + 1), y1 = Math.min(27, y0 + 1);
        double fx = x - x0, fy = y - y0;
        return (float) ((1 - fy) * ((1 - fx) * img[y0 * 28 + x0] + fx * img[y0 * 28 + x1])
                + fy * ((1 - fx) * img[y1 * 28 + x0] + fx * img[y1 * 28 + x1]));
    }

    @Test
    void bufferedImagesAreReadAsLuminanceWithTransparentMeaningPaper() {
        BufferedImage rgb = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 4, 2);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 1, 1);
        g.setColor(new Color(0, 255, 0));
        g.fillRect(1, 0, 1, 1);
        g.dispose();
        float[] lum = DigitPreprocessor.fromBufferedImage(rgb);
        assertEquals(0f, lum[0]);
        assertEquals(0.587f, lum[1], 1e-4f);
        assertEquals(1f, lum[7], 1e-6f);

        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        assertEquals(128 / 255f, DigitPreprocessor.fromBufferedImage(grey)[0]);

        BufferedImage clear = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        clear.setRGB(1, 0, 0xFF000000);
        float[] c = DigitPreprocessor.fromBufferedImage(clear);
        assertEquals(1f, c[0]);
        assertEquals(0f, c[1]);
    }

    @Test
    void drawingOnAnAwtCanvasWorksEndToEnd() {
        BufferedImage img = new BufferedImage(W, W, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, W);
        g.setColor(Color.BLACK);
        g.fillRect(180, 150, 20, 110);
        g.dispose();
        PreprocessedDigit d = DigitPreprocessor.preprocess(img);
        assertEquals(new PreprocessedDigit.Box(180, 150, 20, 110), d.inkBox());
        double[] com = centreOfMass(d.pixels());
        assertEquals(14.0, com[0], 0.5);
        assertEquals(14.0, com[1], 0.5);
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DigitPreprocessor.preprocess(new float[10], 3, 3));
        assertThrows(IllegalArgumentException.class, () -> DigitPreprocessor.preprocess(new float[0], 0, 0));
    }
}
