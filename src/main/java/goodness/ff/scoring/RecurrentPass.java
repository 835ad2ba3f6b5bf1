package goodness.ff.scoring;

import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.Recipe;
import goodness.ff.RecurrentSettings;
import goodness.ff.backend.MatrixBackend;
import org.ejml.data.FMatrixRMaj;

/**
 * The forward dynamics of the recurrent recipe (docs/recurrent.md), shared by its trainer and its
 * scorer: a block of images, each run as several copies (the trainer: a positive and a negative
 * copy; the scorer: one copy per candidate label), every copy with its own label clamped on the
 * 10-unit label layer above the last hidden layer.
 *
 * <p>Rows are copy-major: row {@code r = k·images + i} is copy k of image i. One pass:
 * <ul>
 *   <li>{@link #start}: {@code n_0 = rownorm(x)} (the image only), then t = 0, one bottom-up pass
 *       with no top-down input, {@code h_l(0) = relu(n_{l-1}(0) W_l + b_l)},
 *       {@code n_l = rownorm(h_l)}. It does not depend on the label, so it is computed once per
 *       image and copied to every copy's rows.</li>
 *   <li>{@link #iterate}, t = 1, 2, …: every layer at once from the states of t − 1 (synchronous),
 *       {@code z_l(t) = n_{l-1}(t-1) W_l + n_{l+1}(t-1) V_l + b_l}, where {@code n_0} is the static
 *       image and {@code n_{L+1}} the clamped one-hot label times {@code labelStrength} (not
 *       normalised), {@code h_l(t) = d·h_l(t-1) + (1 − d)·relu(z_l(t))} with the damping d,
 *       {@code n_l(t) = rownorm(h_l(t))}, goodness {@code G_l(t) = Σ_j h_l(t)_j²}.</li>
 * </ul>
 * {@code n_0 W_1} is the same at every iteration and for every copy: one product per image block,
 * kept. The label layer's contribution is a row of V_L, so it takes no product either. Each
 * iteration is then one bottom-up product (layers 2..L) and one top-down product (layers
 * 1..L−1) per layer over all rows.
 *
 * <p>After {@link #iterate}, {@link #preActivation}, {@link #state}, {@link #normalised} and
 * {@link #goodness} hold z(t), h(t), n(t) and G(t) of every row. All buffers are allocated once,
 * for at most {@code maxImages} images; a pass allocates nothing. The network is read, never
 * modified.
 */
public final class RecurrentPass {
    private final FFNetwork net;
    private final MatrixBackend backend;
    private final int layers, copies, maxImages;
    private final float keep, labelStrength;
    private final FMatrixRMaj x0, p1, topBase;
    private final FMatrixRMaj[] z, td, h, n;
    private final float[][] g;
    private final int[] labels;
    private int images, iteration = -1;
    /** Versions of W_l and V_l for the backend's operand cache (the owner bumps them after each write), or null for plain products. */
    private long[] weightVersions, topDownVersions;

    public RecurrentPass(FFNetwork net, MatrixBackend backend, int maxImages, int copies) {
        if (net.topDown == null) throw new IllegalArgumentException("a " + net.config().recipe().id() + " network has no top-down connections");
        if (maxImages < 1 || copies < 1) throw new IllegalArgumentException("need at least one image and one copy");
        this.net = net;
        this.backend = backend;
        this.layers = net.layerCount();
        this.copies = copies;
        this.maxImages = maxImages;
        RecurrentSettings s = net.config().recurrentSettings();
        this.keep = (float) s.damping();
        this.labelStrength = (float) net.config().labelStrength();
        int rows = copies * maxImages;
        x0 = new FMatrixRMaj(maxImages, FFConfig.IMAGE_PIXELS);
        p1 = new FMatrixRMaj(maxImages, net.width(0));
        topBase = new FMatrixRMaj(maxImages, net.width(layers - 1));
        z = new FMatrixRMaj[layers];
        td = new FMatrixRMaj[layers];
        h = new FMatrixRMaj[layers];
        n = new FMatrixRMaj[layers];
        g = new float[layers][rows];
        for (int l = 0; l < layers; l++) {
            int w = net.width(l);
            z[l] = new FMatrixRMaj(rows, w);
            td[l] = l + 1 < layers ? new FMatrixRMaj(rows, w) : null;
            h[l] = new FMatrixRMaj(rows, w);
            n[l] = new FMatrixRMaj(rows, w);
        }
        labels = new int[rows];
    }

    /** Lets products keep W_l and V_l resident: the arrays are read at every product, so bump an entry after every write to its matrix. */
    public void useVersions(long[] weightVersions, long[] topDownVersions) {
        this.weightVersions = weightVersions;
        this.topDownVersions = topDownVersions;
    }

    public int maxImages() { return maxImages; }
    public int copies() { return copies; }
    /** Images of the pass in progress. */
    public int images() { return images; }
    /** Rows of the pass in progress: copies × images. */
    public int rows() { return copies * images; }
    /** The iteration the buffers hold: 0 after {@link #start}, t after the t-th {@link #iterate}. */
    public int iteration() { return iteration; }

    /** The clamped label of each row (copy-major); set the first {@link #rows()} entries before the first {@link #iterate}. */
    public int[] labels() { return labels; }

    /** The block's normalised images n_0 ({@link #images()} rows × 784). */
    public FMatrixRMaj input() { return x0; }
    /** z_l(t) of every row, after an {@link #iterate} (bias and top-down input included). */
    public FMatrixRMaj preActivation(int l) { return z[l]; }
    public FMatrixRMaj state(int l) { return h[l]; }
    public FMatrixRMaj normalised(int l) { return n[l]; }
    /** G_l of every row at the current iteration. */
    public float[] goodness(int l) { return g[l]; }
    /** z_L(0) = n_{L-1}(0) W_L + b_L of each image, before the ReLU ({@link #images()} rows): the label-free part of the top layer's beliefs. */
    public FMatrixRMaj topBase() { return topBase; }

    /**
     * t = 0 for {@code count} images of {@code pixels} (raw values in [0,1], 784 per image,
     * starting at image {@code first}; not modified): n_0, n_0·W_1, and the bottom-up states,
     * copied to every copy's rows.
     */
    public void start(float[] pixels, int first, int count) {
        if (count < 1 || count > maxImages) throw new IllegalArgumentException("a pass holds 1.." + maxImages + " images, got " + count);
        images = count;
        iteration = 0;
        int dim = FFConfig.IMAGE_PIXELS;
        x0.reshape(count, dim);
        float[] xd = x0.data;
        for (int i = 0; i < count; i++) {
            int src = (first + i) * dim, o = i * dim;
            float f = (float) FFMath.normFactor(Recipe.HINTON, FFMath.sumOfSquares(pixels, src, dim), dim);
            for (int j = 0; j < dim; j++) xd[o + j] = pixels[src + j] * f;
        }
        p1.reshape(count, net.width(0));
        product(x0, 0, p1);
        int rows = rows();
        for (int l = 0; l < layers; l++) {
            int w = net.width(l);
            FMatrixRMaj zl = z[l];
            zl.reshape(count, w);                                // the first images rows: the t = 0 block
            if (l == 0) System.arraycopy(p1.data, 0, zl.data, 0, count * w);
            else product(n[l - 1], l, zl);                       // n[l-1] holds count rows here (reshaped below)
            if (l == layers - 1) {
                topBase.reshape(count, w);
                float[] b = net.biases[l], zd = zl.data, tb = topBase.data;
                for (int i = 0; i < count; i++)
                    for (int j = 0; j < w; j++) tb[i * w + j] = zd[i * w + j] + b[j];
            }
            h[l].reshape(count, w);
            n[l].reshape(count, w);
            float[] gl = g[l], zd = zl.data, hd = h[l].data, nd = n[l].data, b = net.biases[l];
            for (int i = 0; i < count; i++) {
                int o = i * w;
                for (int j = 0; j < w; j++) hd[o + j] = Math.max(zd[o + j] + b[j], 0f);
                gl[i] = FFMath.sumOfSquares(hd, o, w);
                float f = (float) FFMath.normFactor(Recipe.HINTON, gl[i], w);
                for (int j = 0; j < w; j++) nd[o + j] = hd[o + j] * f;
            }
        }
        // Every copy starts from the same bottom-up states.
        for (int l = 0; l < layers; l++) {
            int w = net.width(l), block = count * w;
            z[l].reshape(rows, w);
            h[l].reshape(rows, w);
            n[l].reshape(rows, w);
            if (td[l] != null) td[l].reshape(rows, w);
            for (int k = 1; k < copies; k++) {
                System.arraycopy(h[l].data, 0, h[l].data, k * block, block);
                System.arraycopy(n[l].data, 0, n[l].data, k * block, block);
                System.arraycopy(g[l], 0, g[l], k * count, count);
            }
        }
    }

    /** One synchronous iteration t → t + 1 of every row (the labels must be set). */
    public void iterate() {
        if (iteration < 0) throw new IllegalStateException("start() a pass first");
        int rows = rows(), count = images;
        // Every product first: they read the normalised states of t − 1, which the updates below overwrite.
        for (int l = 1; l < layers; l++) product(n[l - 1], l, z[l]);
        for (int l = 0; l + 1 < layers; l++) topDownProduct(n[l + 1], l, td[l]);
        for (int l = 0; l < layers; l++) {
            int w = net.width(l);
            boolean top = l == layers - 1;
            float[] zd = z[l].data, hd = h[l].data, nd = n[l].data, b = net.biases[l], gl = g[l];
            float[] down = top ? net.topDown[l].data : td[l].data;
            float[] p = p1.data;
            for (int r = 0; r < rows; r++) {
                int o = r * w;
                float[] up = l == 0 ? p : zd;
                int uo = l == 0 ? (r % count) * w : o;
                int dOff = top ? labels[r] * w : o;
                float s = top ? labelStrength : 1f;
                gl[r] = RecurrentPass.step(up, uo, b, down, dOff, s, keep, zd, o, hd, o, w);
                float f = (float) FFMath.normFactor(Recipe.HINTON, gl[r], w);
                for (int j = 0; j < w; j++) nd[o + j] = hd[o + j] * f;
            }
        }
        iteration++;
    }

    /**
     * One row of an iteration, fused: {@code z[zo+j] = up[uo+j] + b[j] + s·down[dOff+j]} (z may be
     * {@code up} at the same offset), {@code h[ho+j] = keep·h[ho+j] + (1 − keep)·relu(z)}; returns
     * {@code Σ_j h[ho+j]²}.
     */
    static float step(float[] up, int uo, float[] b, float[] down, int dOff, float s, float keep, float[] z, int zo, float[] h, int ho, int w) {
        float fresh = 1f - keep;
        for (int j = 0; j < w; j++) {
            float v = up[uo + j] + b[j] + s * down[dOff + j];
            z[zo + j] = v;
            h[ho + j] = keep * h[ho + j] + fresh * Math.max(v, 0f);
        }
        return FFMath.sumOfSquares(h, ho, w);
    }

    private void product(FMatrixRMaj a, int l, FMatrixRMaj c) {
        if (weightVersions == null) backend.mult(a, net.weights[l], c);
        else backend.multCached(a, net.weights[l], weightVersions[l], c);
    }

    private void topDownProduct(FMatrixRMaj a, int l, FMatrixRMaj c) {
        if (topDownVersions == null) backend.mult(a, net.topDown[l], c);
        else backend.multCached(a, net.topDown[l], topDownVersions[l], c);
    }
}
