package goodness.ff.playground;

import goodness.ff.FFMath;
import goodness.ff.SeededRandom;

import java.util.Arrays;

/**
 * Trains a {@link PlaygroundNetwork} on a {@link PlanePoints} set with recipe A's rules
 * (docs/recipes.md, docs/playground.md), one batch in three stages that can be run one at a
 * time: {@link Stage#POSITIVE} (the batch's points with their true class),
 * {@link Stage#NEGATIVE} (the negatives drawn, then their pass) and {@link Stage#UPDATE}
 * (deltas, momentum, weight cost, the step). All three use the weights as they stood when the
 * batch began. Settings changed between batches apply at the next batch's positive stage.
 *
 * <p>Per layer: p = logistic((G − θ·w) / T); δ⁺ = (1 − p⁺)·s (+ peer term when on),
 * δ⁻ = −p⁻·s; Ŵ ← μŴ + (1 − μ)·Σ nᵀδ / B; W ← W + ε·(Ŵ − wc·W); b̂ ← μb̂ + (1 − μ)·Σδ / B;
 * b ← b + ε·b̂. Peer normalisation: m ← 0.9·m + 0.1·(batch mean of s⁺), then λ·(mean(m) − m)
 * with λ = 0.03 added to every row of δ⁺ (means start at 0.5).
 *
 * <p>Deterministic for a seed: the data, the initial weights and the training draws (batch
 * order, negatives) come from three streams of it. Not thread-safe: one thread trains.
 */
public final class PlaygroundTrainer {
    /** The stages of one batch, in order. */
    public enum Stage { POSITIVE, NEGATIVE, UPDATE }

    /** Half the side of the plane the uniform negatives are drawn from (and the view shows). */
    public static final float PLANE = 1.5f;
    static final double PEER_LAMBDA = 0.03, PEER_DECAY = 0.9, PEER_START = 0.5;

    private PlaygroundSettings settings, pending;
    private final PlanePoints points;
    private final PlaygroundNetwork net;
    private final SeededRandom rng;
    private final float[][] wMom, bMom, peerMean;

    private Stage next = Stage.POSITIVE;
    private long batches;
    private int[] order = new int[0];
    private int cursor, orderVersion = -1;

    // The batch: cases, their points and the two passes (per case: norm/state per layer).
    private int cases;
    private float[] px, py, nx, ny;
    private int[] pl, nl;
    private float[][][] posNorm, posState, negNorm, negState;
    private float[][] posG, negG;
    private double[] updateRms = new double[0];
    private final PlaygroundNetwork.Buffers buf;
    private final double[] scores;

    /** A new run: the set generated from the settings, weights and draws from its seed. */
    public PlaygroundTrainer(PlaygroundSettings settings) {
        this(settings, PlanePoints.generate(settings.shape(), settings.classes(), settings.points(), settings.noise(),
                SeededRandom.streamSeed(settings.seed(), 0)));
    }

    /** A new run on given points (their classes must be the settings' classes). */
    public PlaygroundTrainer(PlaygroundSettings settings, PlanePoints points) {
        if (points.classes() != settings.classes())
            throw new IllegalArgumentException("the points have " + points.classes() + " classes, the settings " + settings.classes());
        this.settings = settings;
        this.points = points;
        net = new PlaygroundNetwork(settings, new SeededRandom(SeededRandom.streamSeed(settings.seed(), 1)));
        rng = new SeededRandom(SeededRandom.streamSeed(settings.seed(), 2));
        int layers = net.layers();
        wMom = new float[layers][];
        bMom = new float[layers][];
        peerMean = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wMom[l] = new float[net.w[l].length];
            bMom[l] = new float[net.width(l)];
            peerMean[l] = new float[net.width(l)];
            Arrays.fill(peerMean[l], (float) PEER_START);
        }
        buf = net.buffers();
        scores = new double[settings.classes()];
    }

    /** A fresh sample of the same distribution as the generated set, for held-out accuracy (its own seed stream). */
    public static PlanePoints heldOut(PlaygroundSettings s, int n) {
        return PlanePoints.generate(s.shape(), s.classes(), n, s.noise(), SeededRandom.streamSeed(s.seed(), 3));
    }

    public PlaygroundSettings settings() {
        return pending != null ? pending : settings;
    }

    /**
     * New live settings (learning rate, momentum, weight cost, threshold, temperature, negatives,
     * batch, peer normalisation, scoring), in force from the next batch. Settings that change
     * the data or the network (data, classes, points, noise, layers, seed) need a new trainer.
     */
    public void setLiveSettings(PlaygroundSettings s) {
        if (!sameStructure(s, settings))
            throw new IllegalArgumentException("data, classes, points, noise, layers and seed need a reset");
        if (next == Stage.POSITIVE) settings = s;
        pending = next == Stage.POSITIVE ? null : s;
    }

    /** True when {@code a} and {@code b} describe the same data and network (only live settings differ). */
    public static boolean sameStructure(PlaygroundSettings a, PlaygroundSettings b) {
        return a.shape() == b.shape() && a.classes() == b.classes() && a.points() == b.points() && a.noise() == b.noise()
                && a.layers().equals(b.layers()) && a.seed() == b.seed();
    }

    public PlanePoints points() {
        return points;
    }

    public PlaygroundNetwork network() {
        return net;
    }

    /** Whole batches done. */
    public long batches() {
        return batches;
    }

    /** The stage the next {@link #advance()} runs. */
    public Stage nextStage() {
        return next;
    }

    /** Runs what is left of the current batch, or a whole batch; false (nothing done) when the set is empty. */
    public boolean trainBatch() {
        if (points.size() == 0) return false;
        do advance(); while (next != Stage.POSITIVE);
        return true;
    }

    /** Runs the next stage; returns the stage it ran, or null (nothing done) when the set is empty at a batch's start. */
    public Stage advance() {
        Stage done = next;
        switch (next) {
            case POSITIVE -> {
                if (points.size() == 0) return null;
                positive();
            }
            case NEGATIVE -> negative();
            case UPDATE -> update();
        }
        next = Stage.values()[(done.ordinal() + 1) % 3];
        if (done == Stage.UPDATE) batches++;
        return done;
    }

    // ------------------------------------------------------------------------------------------
    // The stages.

    private void positive() {
        if (pending != null) {
            settings = pending;
            pending = null;
        }
        int n = Math.min(settings.batch(), points.size());
        if (orderVersion != points.version() || order.length != points.size() || cursor + n > order.length) {
            order = new int[points.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            rng.shuffle(order);
            cursor = 0;
            orderVersion = points.version();
        }
        allocate(n);
        for (int i = 0; i < n; i++) {
            int k = order[cursor++];
            px[i] = points.x(k);
            py[i] = points.y(k);
            pl[i] = points.label(k);
            pass(px[i], py[i], pl[i], posNorm[i], posState[i], posG, i);
        }
    }

    private void negative() {
        int c = settings.classes();
        for (int i = 0; i < cases; i++) {
            switch (settings.negatives()) {
                case RANDOM -> {
                    nx[i] = px[i];
                    ny[i] = py[i];
                    int wrong = rng.nextInt(c - 1);
                    nl[i] = wrong >= pl[i] ? wrong + 1 : wrong;
                }
                case HARD -> {
                    nx[i] = px[i];
                    ny[i] = py[i];
                    nl[i] = hardLabel(px[i], py[i], pl[i]);
                }
                case UNIFORM -> {
                    nx[i] = (float) ((2 * rng.nextDouble() - 1) * PLANE);
                    ny[i] = (float) ((2 * rng.nextDouble() - 1) * PLANE);
                    nl[i] = pl[i];
                }
                case MIX -> {
                    int k = rng.nextInt(points.size());
                    float a = rng.nextFloat();
                    nx[i] = a * px[i] + (1 - a) * points.x(k);
                    ny[i] = a * py[i] + (1 - a) * points.y(k);
                    nl[i] = pl[i];
                }
            }
            pass(nx[i], ny[i], nl[i], negNorm[i], negState[i], negG, i);
        }
    }

    /** A wrong class drawn with probability ∝ exp((S_c − max S) / T) over the wrong classes, S the summed goodness. */
    private int hardLabel(float x, float y, int truth) {
        net.scores(x, y, settings, buf, scores);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int k = 0; k < scores.length; k++) if (k != truth) max = Math.max(max, scores[k]);
        for (int k = 0; k < scores.length; k++) {
            scores[k] = k == truth ? 0 : Math.exp((scores[k] - max) / settings.temperature());
            sum += scores[k];
        }
        double u = rng.nextDouble() * sum;
        int last = -1;
        for (int k = 0; k < scores.length; k++) {
            if (scores[k] == 0) continue;
            last = k;
            u -= scores[k];
            if (u < 0) return k;
        }
        return last;
    }

    private void update() {
        int layers = net.layers();
        double mu = settings.momentum(), eps = settings.rate(), wc = settings.weightCost(), temp = settings.temperature();
        float alpha = (float) ((1 - mu) / cases);
        updateRms = new double[layers];
        for (int l = 0; l < layers; l++) {
            int out = net.width(l), in = net.fanIn(l);
            double theta = settings.theta() * out;
            float[] peer = new float[out];
            if (settings.peer()) {
                float[] m = peerMean[l];
                double meanOfMeans = 0;
                for (int j = 0; j < out; j++) {
                    double col = 0;
                    for (int i = 0; i < cases; i++) col += posState[i][l][j];
                    m[j] = (float) (PEER_DECAY * m[j] + (1 - PEER_DECAY) * col / cases);
                    meanOfMeans += m[j];
                }
                meanOfMeans /= out;
                for (int j = 0; j < out; j++) peer[j] = (float) (PEER_LAMBDA * (meanOfMeans - m[j]));
            }
            float[] dW = new float[in * out], dB = new float[out];
            for (int i = 0; i < cases; i++) {
                float aPos = (float) (1 - FFMath.logistic((posG[l][i] - theta) / temp));
                float aNeg = (float) -FFMath.logistic((negG[l][i] - theta) / temp);
                accumulate(dW, dB, posNorm[i][l], posState[i][l], aPos, peer, in, out);
                accumulate(dW, dB, negNorm[i][l], negState[i][l], aNeg, null, in, out);
            }
            float[] wl = net.w[l], bl = net.b[l], wm = wMom[l], bm = bMom[l];
            double sq = 0;
            for (int k = 0; k < wl.length; k++) {
                wm[k] = (float) (mu * wm[k] + alpha * dW[k]);
                float step = (float) (eps * (wm[k] - wc * wl[k]));
                wl[k] += step;
                sq += (double) step * step;
            }
            for (int j = 0; j < out; j++) {
                bm[j] = (float) (mu * bm[j] + alpha * dB[j]);
                bl[j] += (float) (eps * bm[j]);
            }
            updateRms[l] = Math.sqrt(sq / wl.length);
            if (!FFMath.allFinite(wl, wl.length))
                throw new ArithmeticException("layer " + (l + 1) + " diverged (its weights are not finite): lower the learning rate");
        }
    }

    /** dW += nᵀ·δ and dB += δ for one case, δ = a·s (+ the peer term, not gated by the ReLU). */
    private static void accumulate(float[] dW, float[] dB, float[] n, float[] s, float a, float[] peer, int in, int out) {
        float[] d = new float[out];
        for (int j = 0; j < out; j++) d[j] = a * s[j] + (peer == null ? 0f : peer[j]);
        for (int j = 0; j < out; j++) dB[j] += d[j];
        for (int i = 0; i < in; i++) {
            float v = n[i];
            if (v == 0f) continue;
            int o = i * out;
            for (int j = 0; j < out; j++) dW[o + j] += v * d[j];
        }
    }

    /** One case up; keeps what the update needs: each layer's input (normalised) and raw states, and the goodness. */
    private void pass(float x, float y, int c, float[][] norm, float[][] state, float[][] good, int i) {
        net.forward(x, y, c, buf);
        for (int l = 0; l < net.layers(); l++) {
            System.arraycopy(buf.norm[l], 0, norm[l], 0, norm[l].length);
            System.arraycopy(buf.state[l], 0, state[l], 0, state[l].length);
            good[l][i] = buf.goodness[l];
        }
    }

    private void allocate(int n) {
        cases = n;
        if (px != null && px.length == n) return;
        int layers = net.layers();
        px = new float[n];
        py = new float[n];
        nx = new float[n];
        ny = new float[n];
        pl = new int[n];
        nl = new int[n];
        posNorm = new float[n][layers][];
        posState = new float[n][layers][];
        negNorm = new float[n][layers][];
        negState = new float[n][layers][];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < layers; l++) {
                posNorm[i][l] = new float[net.fanIn(l)];
                negNorm[i][l] = new float[net.fanIn(l)];
                posState[i][l] = new float[net.width(l)];
                negState[i][l] = new float[net.width(l)];
            }
        posG = new float[layers][n];
        negG = new float[layers][n];
    }

    // ------------------------------------------------------------------------------------------
    // What the view shows.

    /** The point set's accuracy under the current weights. */
    public double accuracy() {
        return net.accuracy(points, settings);
    }

    /** The current batch as far as its stages have run (null before the first stage of the first batch). */
    public BatchView view() {
        if (px == null) return null;
        Stage done = next == Stage.POSITIVE ? Stage.UPDATE : Stage.values()[next.ordinal() - 1];
        int layers = net.layers();
        double[] thr = new double[layers];
        for (int l = 0; l < layers; l++) thr[l] = settings.theta() * net.width(l);
        boolean neg = done != Stage.POSITIVE;
        return new BatchView(batches + (done == Stage.UPDATE ? 0 : 1), done, cases, px.clone(), py.clone(), pl.clone(), copy(posG),
                neg ? nx.clone() : null, neg ? ny.clone() : null, neg ? nl.clone() : null, neg ? copy(negG) : null, thr,
                done == Stage.UPDATE ? updateRms.clone() : null);
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
