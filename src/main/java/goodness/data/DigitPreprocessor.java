package goodness.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns an arbitrary grayscale picture of a digit (a drawing canvas, a photo) into a 28x28
 * image of the kind the network was trained on.
 *
 * <p>A network trained on MNIST only understands digits that were normalised the way MNIST's
 * were: LeCun et al. scaled each digit so that it fits a 20x20 box, keeping its aspect ratio,
 * with anti-aliasing, and then placed it in a 28x28 field so that its centre of mass lies at
 * the centre. A raw canvas drawing differs in every one of these respects (size, position,
 * stroke polarity), and fed as is it gets classified poorly even when it is perfectly legible.
 * So this class repeats MNIST's recipe:
 * <ol>
 *   <li><b>Polarity.</b> The background is estimated as the median of the border pixels
 *       (ink is assumed to be the minority there). If it is light, the image is inverted, so
 *       ink is always bright on dark as in MNIST.</li>
 *   <li><b>Ink.</b> The background level is subtracted and the rest rescaled so that the
 *       strongest ink is 1 (a faint pencil line becomes as strong as MNIST's strokes). There
 *       is no binarising threshold: grey anti-aliased edges keep their grey. Pixels above
 *       {@value #INK_LEVEL} define the ink's bounding box. If the strongest ink is weaker than
 *       {@value #MIN_CONTRAST} of the full range, the picture is considered empty.</li>
 *   <li><b>Size.</b> The bounding box is cropped and scaled so that its longer side becomes
 *       {@value #BOX} pixels, the shorter side in proportion. Shrinking averages areas (each
 *       output pixel is the mean of the input area it covers) which is the anti-aliasing MNIST
 *       used; enlarging interpolates bilinearly. Both are separable and deterministic.</li>
 *   <li><b>Position.</b> The intensity-weighted centre of mass of the scaled digit is moved to
 *       pixel (14, 14) of the 28x28 field, in <em>index</em> coordinates (pixel {@code (x, y)}
 *       has its centre at {@code (x, y)}). The shift is rounded to whole pixels, so the centre
 *       of mass ends within half a pixel of (14, 14). This is what MNIST itself shows: over
 *       its test set the mean centre of mass in index coordinates is (14.0, 14.0) with a
 *       standard deviation of 0.29 pixels per axis, exactly that of a uniform rounding error
 *       of +-0.5. Whole-pixel shifts also keep strokes as sharp as the resampling left them.
 *       Ink shifted outside the field is clipped.</li>
 *   <li><b>Label pixels.</b> The first {@value #LABEL_PIXELS} values are set to 0; the
 *       Forward-Forward network overwrites them with a one-hot label.</li>
 * </ol>
 *
 * <p>Cost: a few hundred microseconds for a 280x280 input, with a handful of small
 * allocations and no streams. The class is stateless and thread-safe.
 */
public final class DigitPreprocessor {

    /** Side of the output image. */
    public static final int SIZE = 28;
    /** Side of the box the digit's longer side is scaled to. */
    public static final int BOX = 20;
    /** Index coordinate (both axes) where the centre of mass is placed. */
    public static final int CENTRE = 14;
    /** Leading output values cleared for the label. */
    public static final int LABEL_PIXELS = 10;
    /** Relative ink strength above which a pixel counts towards the bounding box. */
    public static final float INK_LEVEL = 0.1f;
    /** Minimum contrast between background and strongest ink for the picture not to be empty. */
    public static final float MIN_CONTRAST = 0.1f;

    private DigitPreprocessor() {
    }

    /**
     * Normalises a grayscale picture into an MNIST-like digit (see the class notes).
     *
     * @param gray   {@code width * height} values, row-major; values outside [0,1] are clamped
     *               and NaN is treated as 0
     * @param width  picture width, {@code >= 1}
     * @param height picture height, {@code >= 1}
     * @throws IllegalArgumentException if the sizes are not positive or do not match the array
     */
    public static PreprocessedDigit preprocess(float[] gray, int width, int height) {
        if (width < 1 || height < 1 || gray.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height
                    + " = " + ((long) width * height) + " values, got " + gray.length);
        }

        // (a) Polarity: map every input value v to "ink" = (v' - bg') / (1 - bg') where v' is
        // v, or 1 - v when the background is light, and bg' the background in the same terms.
        float background = borderMedian(gray, width, height);
        boolean invert = background > 0.5f;
        float bg = invert ? 1f - background : background;
        float range = 1f - bg;
        if (range < MIN_CONTRAST) {
            return emptyResult();
        }
        // sign/offset such that ink(v) = (sign * v + offset - bg) / range
        float sign = invert ? -1f : 1f;
        float offset = (invert ? 1f : 0f) - bg;
        float inv = 1f / range;

        // (b) Strongest ink, then the bounding box of pixels above INK_LEVEL of it.
        float maxInk = 0f;
        for (float v : gray) {
            float ink = (sign * clamp(v) + offset) * inv;
            if (ink > maxInk) {
                maxInk = ink;
            }
        }
        if (maxInk * range < MIN_CONTRAST) {
            return emptyResult();
        }
        float level = INK_LEVEL * maxInk;
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                float ink = (sign * clamp(gray[row + x]) + offset) * inv;
                if (ink > level) {
                    if (x < x0) {
                        x0 = x;
                    }
                    if (x > x1) {
                        x1 = x;
                    }
                    if (y < y0) {
                        y0 = y;
                    }
                    y1 = y;
                }
            }
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;

        // Crop, turning values into ink normalised so the strongest is 1.
        float norm = inv / maxInk;
        float[] crop = new float[bw * bh];
        for (int y = 0; y < bh; y++) {
            int src = (y0 + y) * width + x0;
            int dst = y * bw;
            for (int x = 0; x < bw; x++) {
                float ink = (sign * clamp(gray[src + x]) + offset) * norm;
                crop[dst + x] = ink > 0f ? (ink < 1f ? ink : 1f) : 0f;
            }
        }

        // (c) Longer side to BOX, shorter in proportion (at least one pixel).
        int longer = Math.max(bw, bh);
        int nw = Math.max(1, Math.round(bw * (float) BOX / longer));
        int nh = Math.max(1, Math.round(bh * (float) BOX / longer));
        float[] scaled = resample(crop, bw, bh, nw, nh);

        // (d) Centre of mass to (CENTRE, CENTRE) by a whole-pixel shift.
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                float v = scaled[y * nw + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        double cx = mass > 0 ? mx / mass : (nw - 1) / 2.0;
        double cy = mass > 0 ? my / mass : (nh - 1) / 2.0;
        int ox = (int) Math.round(CENTRE - cx);
        int oy = (int) Math.round(CENTRE - cy);
        float[] out = new float[SIZE * SIZE];
        for (int y = 0; y < nh; y++) {
            int ty = y + oy;
            if (ty < 0 || ty >= SIZE) {
                continue;
            }
            for (int x = 0; x < nw; x++) {
                int tx = x + ox;
                if (tx >= 0 && tx < SIZE) {
                    out[ty * SIZE + tx] = clamp(scaled[y * nw + x]);
                }
            }
        }

        // (e) The label lives in the first pixels.
        Arrays.fill(out, 0, LABEL_PIXELS, 0f);
        return new PreprocessedDigit(out, false, new PreprocessedDigit.Box(x0, y0, bw, bh));
    }

    /** {@link #preprocess(float[], int, int)} of {@link #fromBufferedImage(BufferedImage)}. */
    public static PreprocessedDigit preprocess(BufferedImage image) {
        return preprocess(fromBufferedImage(image), image.getWidth(), image.getHeight());
    }

    /**
     * Luminance of an AWT image in [0,1], row-major: Rec. 601 weights
     * ({@code 0.299 R + 0.587 G + 0.114 B}) on the stored sRGB values. Transparent pixels are
     * composited over white, so a canvas exported with a transparent background reads as
     * dark ink on paper. 8-bit grayscale images are read from the raster directly, because
     * {@link BufferedImage#getRGB} would pass them through a colour-space conversion and
     * change their values.
     */
    public static float[] fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] gray = new float[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster raster = image.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    gray[y * w + x] = row[x] / 255f;
                }
            }
            return gray;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                float a = (argb >>> 24) / 255f;
                float lum = (0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF)
                        + 0.114f * (argb & 0xFF)) / 255f;
                gray[y * w + x] = clamp(a * lum + (1f - a));
            }
        }
        return gray;
    }

    /**
     * Median of the outermost rows and columns. The border, not the whole picture, because a
     * large, bold digit can cover more than half of a tightly framed picture but rarely more
     * than half of its edge.
     */
    static float borderMedian(float[] gray, int width, int height) {
        int n = (height == 1 || width == 1) ? width * height : 2 * width + 2 * (height - 2);
        float[] border = new float[n];
        int k = 0;
        if (height == 1 || width == 1) {
            for (float v : gray) {
                border[k++] = clamp(v);
            }
        } else {
            int last = (height - 1) * width;
            for (int x = 0; x < width; x++) {
                border[k++] = clamp(gray[x]);
                border[k++] = clamp(gray[last + x]);
            }
            for (int y = 1; y < height - 1; y++) {
                border[k++] = clamp(gray[y * width]);
                border[k++] = clamp(gray[y * width + width - 1]);
            }
        }
        Arrays.sort(border);
        return (n & 1) == 1 ? border[n / 2] : 0.5f * (border[n / 2 - 1] + border[n / 2]);
    }

    /** Separable resampling: rows first, then columns, each with its own 1-D weights. */
    static float[] resample(float[] src, int sw, int sh, int dw, int dh) {
        Axis ax = Axis.of(sw, dw);
        Axis ay = Axis.of(sh, dh);
        float[] tmp = new float[sh * dw];
        for (int y = 0; y < sh; y++) {
            int row = y * sw;
            for (int o = 0; o < dw; o++) {
                float sum = 0f;
                int first = ax.first[o];
                int base = o * ax.taps;
                for (int k = 0; k < ax.count[o]; k++) {
                    sum += ax.weights[base + k] * src[row + first + k];
                }
                tmp[y * dw + o] = sum;
            }
        }
        float[] dst = new float[dh * dw];
        for (int o = 0; o < dh; o++) {
            int first = ay.first[o];
            int base = o * ay.taps;
            for (int k = 0; k < ay.count[o]; k++) {
                float w = ay.weights[base + k];
                int srcRow = (first + k) * dw;
                int dstRow = o * dw;
                for (int x = 0; x < dw; x++) {
                    dst[dstRow + x] += w * tmp[srcRow + x];
                }
            }
        }
        return dst;
    }

    /**
     * One axis of a resampling: for output index {@code o}, input indices
     * {@code first[o] .. first[o]+count[o]-1} with weights {@code weights[o*taps + k]}
     * (summing to 1).
     */
    static final class Axis {
        final int[] first;
        final int[] count;
        final float[] weights;
        final int taps;

        private Axis(int n, int taps) {
            this.first = new int[n];
            this.count = new int[n];
            this.weights = new float[n * taps];
            this.taps = taps;
        }

        static Axis of(int in, int out) {
            if (out <= in) {
                // Area average: output pixel o covers input interval [o*s, (o+1)*s).
                double s = (double) in / out;
                Axis a = new Axis(out, (int) Math.ceil(s) + 1);
                for (int o = 0; o < out; o++) {
                    double lo = o * s;
                    double hi = Math.min(in, (o + 1) * s);
                    int i0 = (int) Math.floor(lo);
                    int i1 = Math.min(in - 1, (int) Math.ceil(hi) - 1);
                    a.first[o] = i0;
                    int c = 0;
                    for (int i = i0; i <= i1; i++) {
                        double overlap = Math.min(i + 1, hi) - Math.max(i, lo);
                        a.weights[o * a.taps + c++] = (float) (Math.max(0, overlap) / s);
                    }
                    a.count[o] = c;
                }
                return a;
            }
            // Bilinear: sample the input at the position of the output pixel's centre.
            Axis a = new Axis(out, 2);
            double s = (double) in / out;
            for (int o = 0; o < out; o++) {
                double pos = Math.min(in - 1, Math.max(0, (o + 0.5) * s - 0.5));
                int i0 = Math.min((int) Math.floor(pos), in - 1);
                double f = pos - i0;
                a.first[o] = i0;
                if (i0 + 1 < in) {
                    a.count[o] = 2;
                    a.weights[2 * o] = (float) (1 - f);
                    a.weights[2 * o + 1] = (float) f;
                } else {
                    a.count[o] = 1;
                    a.weights[2 * o] = 1f;
                }
            }
            return a;
        }
    }

    private static PreprocessedDigit emptyResult() {
        return new PreprocessedDigit(new float[SIZE * SIZE], true, PreprocessedDigit.Box.NONE);
    }

    /** Clamp to [0,1], NaN to 0. */
    private static float clamp(float v) {
        return v > 0f ? (v < 1f ? v : 1f) : 0f;
    }
}
