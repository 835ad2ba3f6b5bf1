package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.Recipe;
import goodness.ff.SeededRandom;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.scoring.GoodnessScorer;
import org.ejml.data.FMatrixRMaj;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recipe B ("sleep" preset, seed 003) as docs/recipes.md states it: 784-500-500-500,
 * every layer L2-normalises its input, goodness = MEAN of h², threshold 1.5, softplus losses,
 * Adam with three independent states per layer (joint / positive-only / negative-only), and K
 * Adam steps per layer per batch, layer after layer. One call of {@link #trainBatch()} is one
 * batch:
 * <ol>
 *   <li>the batch's images (reshuffled each epoch) and their negative data from the current
 *       {@link goodness.ff.negatives.NegativeStrategy} (hard: beliefs = the per-label energy of
 *       the batch under the current network, from the shared {@link GoodnessScorer});</li>
 *   <li>standardisation with the data set's mean/std, label pixels 0..9 set to 0 and
 *       pixel[label] = the max of the batch tensor (positive and negative halves each use their
 *       own tensor's max; for MNIST/Fashion both are (1 − mean)/std, the value the scorer uses);</li>
 *   <li>for layer 1, 2, ...: K Adam steps on this batch with the state of the batch's
 *       {@link Phase}, then a forward pass with the updated weights whose output is the next
 *       layer's input.</li>
 * </ol>
 *
 * <h2>Gradient (by hand; inputs detached, so it stays inside the layer)</h2>
 * For one case with layer input x: x̂ = x / (||x||₂ + 1e-4), z = x̂W + b, h = relu(z),
 * g = (1/w) Σ_j h_j² (w = layer width), θ = 1.5.
 * <ul>
 *   <li>Positive term ℓ⁺ = softplus(θ − g): dℓ⁺/dg = −σ(θ − g). Negative term
 *       ℓ⁻ = softplus(g − θ): dℓ⁻/dg = +σ(g − θ) (softplus' = σ).</li>
 *   <li>The loss is the mean over the {@code count} terms of the step: B for a positive-only or
 *       negative-only step, 2B for a joint step. So dL/dg_i = ∓σ(±(…)) / count.</li>
 *   <li>dg/dh_j = 2h_j / w and dh_j/dz_j = [z_j > 0]. Because h_j = 0 wherever z_j ≤ 0, the
 *       ReLU mask is already contained in h: dL/dz_ij = dL/dg_i · 2h_ij / w.</li>
 *   <li>dL/dW = x̂ᵀ · dZ (one {@code multTransA} over the step's rows), dL/db = column sums of dZ.
 *       x̂ is a constant of the layer (the normalisation is not differentiated: the input is
 *       detached, and the norm depends only on the input).</li>
 * </ul>
 *
 * <h2>Choices where the recipe is silent, written down here</h2>
 * <ul>
 *   <li>Rows: the positive and negative halves of a batch are stacked in one 2B-row matrix; the
 *       half the phase learns from comes first, so a one-sided step works on a prefix (rows
 *       [0, B)) without copying.</li>
 *   <li>Metrics are taken on the first of the K steps of each layer, i.e. on the layer as it
 *       arrives at the batch (before this batch changed it): that forward pass always covers both
 *       halves (2B rows), also in one-sided phases, so pairwise errors, goodness means and layer
 *       accuracy are comparable across phases. Negative data are therefore made for every batch.</li>
 *   <li>Randomness: the shared seeded generator initialises the weights and shuffles the data;
 *       the negatives draw from their own generator, restarted at every batch from (seed, batch
 *       counter). Runs of one seed with different negative modes or schedules therefore start
 *       from the same weights and see the same batches in the same order (the separation
 *       tables compare cells that differ only in what the row and column say).</li>
 *   <li>trainLogCost is the joint FF loss (mean of the 2B softplus terms) at that first step,
 *       summed over layers, averaged over the epoch's batches.</li>
 *   <li>Positive learning-rate scaling (Table 2) divides the Adam step size of positive-only
 *       steps by A (scaling the gradient would do nothing: Adam is invariant to it). The live
 *       rate scale multiplies every step size.</li>
 *   <li>There is no validation split in recipe B (the seed trains on all 60k and reports test
 *       accuracy), so the per-epoch evaluation ({@code evalEvery}) scores the whole test set
 *       ({@code energyErrorsTest}, with its per-layer and per-class errors from the same
 *       scores), plus energy errors on the first {@value #TRAIN_EVAL_LIMIT}
 *       training images (the field {@code trainCases} says how many); {@link #evaluateTest()}
 *       gives the same two figures at the end.</li>
 * </ul>
 * All buffers are allocated once in the constructor; a batch allocates nothing.
 *
 * <p>Speed, exactly: with wrong-label negatives both halves hold the same images, so layer 1
 * multiplies each image once per step and adds the label pixel's row of W₁ per row, and its dW
 * combines an image's two deltas before the product ({@link SleepSharedLayerOne}); every layer
 * input stays resident in the backend through the K steps. {@link #plainLayerOne} keeps the plain
 * path as the tests' reference. The Adam states and their checkpoint layout are
 * {@link PhaseAdamStates}; the evaluation is {@link SleepEvaluation}.
 */
public final class SleepTrainer extends AbstractTrainer {
    /** Training images used for train-set error counts (evaluation cost stays bounded). */
    public static final int TRAIN_EVAL_LIMIT = 10_000;

    private final int steps;
    private final float mean, invStd, theta;

    private final PhaseAdamStates adam;
    private final long[] weightVersion;
    /** Bumped whenever a layer input xn[l] is rewritten (once per layer per batch), so the backend
     *  keeps it resident through the layer's K steps: it is multiplied 2K + 1 times unchanged. */
    private long inputVersion;
    private final long versionBase;

    // Batch buffers. xn[l]: normalised input of layer l (2B × in); h[l]: relu output (2B × w).
    private final FMatrixRMaj[] xn, h;
    private final float[][] good;
    private final float[] sumSq;
    private final FMatrixRMaj dz, dW;
    private final float[] db;
    private final float[][] lastPos, lastNeg;
    /** True when the batch in progress has its negative half in rows [0, B) (sleep phase). */
    private boolean negFirst;

    /**
     * Layer 1 shared by the two halves when the negatives are the positive images with another
     * label; false runs the plain path (the tests' reference).
     */
    private final boolean shareLayerOne;
    /** True for the batch in progress when layer 1 is shared (wrong-label negatives). */
    private boolean sharedBatch;
    private final SleepSharedLayerOne sharedLayerOne;

    private final GoodnessScorer scorer;
    private final GoodnessScorer.Scores beliefScores;
    private final SleepEvaluation evaluation;
    /**
     * The negatives' own generator, restarted for every batch from (seed, batch counter): the
     * negatives of batch t depend only on the seed, t and the batch, and the shared generator
     * ({@code rng}) only initialises and shuffles. So runs of one seed that differ in their
     * negative mode (mask vs wrong label) or phase schedule see the same initial weights and the
     * same data order, and differ only in their negatives; nothing extra goes into a checkpoint.
     */
    private final SeededRandom negativesRng = new SeededRandom(0);

    public SleepTrainer(FFConfig config, DataSplits data, MatrixBackend backend) {
        this(config, data, backend, null, true);
    }

    /** A new run on the plain layer-1 path (each half its own rows in every product): the reference for tests. */
    static SleepTrainer plainLayerOne(FFConfig config, DataSplits data, MatrixBackend backend) {
        return new SleepTrainer(config, data, backend, null, false);
    }

    private SleepTrainer(FFConfig config, DataSplits data, MatrixBackend backend, TrainingState resume, boolean shareLayerOne) {
        super(config, data, backend, resume, Recipe.SLEEP, "recipe B");
        this.shareLayerOne = shareLayerOne;
        this.steps = config.stepsPerBatch();
        this.mean = config.dataset().mean();
        this.invStd = 1f / config.dataset().std();
        this.theta = (float) config.threshold();

        int twoB = 2 * batchSize;
        adam = new PhaseAdamStates(config);
        weightVersion = new long[layers];
        xn = new FMatrixRMaj[layers];
        h = new FMatrixRMaj[layers];
        good = new float[layers][twoB];
        lastPos = new float[layers][batchSize];
        lastNeg = new float[layers][batchSize];
        int in = DIM, maxIn = 0, maxW = 0;
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            xn[l] = new FMatrixRMaj(twoB, in);
            h[l] = new FMatrixRMaj(twoB, w);
            maxIn = Math.max(maxIn, in);
            maxW = Math.max(maxW, w);
            in = w;
        }
        sumSq = new float[twoB];
        sharedLayerOne = new SleepSharedLayerOne(net, backend, negBatch, batchSize, mean, invStd);
        dz = new FMatrixRMaj(twoB, maxW);
        dW = new FMatrixRMaj(maxIn, maxW);
        db = new float[maxW];
        scorer = new GoodnessScorer(net, backend, 250);
        beliefScores = new GoodnessScorer.Scores(batchSize, layers);
        evaluation = new SleepEvaluation(net, data, layers, scorer);
        versionBase = System.identityHashCode(this) * 1_000_000_000L;

        if (resume != null) restore(resume);
    }

    /** Continues a run from a checkpointed state, exactly where it stopped. */
    public static SleepTrainer resume(TrainingState state, DataSplits data, MatrixBackend backend) {
        return new SleepTrainer(state.config(), data, backend, state, true);
    }

    // ------------------------------------------------------------------------------------------
    // The recipe.

    @Override
    public void trainBatch() {
        long start = System.nanoTime();
        beginBatch();
        Phase phase = phases.phaseOf(batchCounter);
        loadBatch(batch);

        // Negative data (hard: beliefs = per-label energy of the batch under the current network).
        negBatch.rows = batchSize;
        negBatch.trainingSet = data.train();
        negativesRng.reseed(SeededRandom.streamSeed(config.seed(), batchCounter));
        negBatch.rng = negativesRng;
        negBatch.beliefs = null;
        if (negatives.mode() == NegativeMode.HARD) {
            scorer.score(negBatch.images, 0, batchSize, beliefScores);
            negBatch.beliefs = beliefScores.energy;
        }
        negatives.makeNegatives(negBatch);

        negFirst = phase == Phase.NEGATIVE;
        sharedBatch = shareLayerOne && negatives.keepsImages();
        if (sharedBatch) sharedLayerOne.buildInput(); else buildInput();

        double lr = config.learningRate() * rateScale * (phase == Phase.POSITIVE ? phases.positiveRateScale() : 1.0);
        for (int l = 0; l < layers; l++) trainLayer(l, phase, lr);

        endBatch(phase, start);
        if (!Double.isFinite(tally.cost)) diverged("the FF loss is " + tally.cost);
    }

    /** Row of case i's positive / negative copy in the stacked matrices. */
    private int posRow(int i) {
        return negFirst ? batchSize + i : i;
    }

    private int negRow(int i) {
        return negFirst ? i : batchSize + i;
    }

    /** Standardised, label-embedded, L2-normalised input of layer 1 into xn[0] (2B × 784). */
    private void buildInput() {
        FMatrixRMaj x = xn[0];
        x.reshape(2 * batchSize, DIM);
        float[] d = x.data;
        float posMax = standardise(negBatch.images, d, true);
        float negMax = standardise(negBatch.negImages, d, false);
        for (int i = 0; i < batchSize; i++) {
            FFMath.embedOneHot(d, posRow(i), DIM, negBatch.labels[i], posMax);
            FFMath.embedOneHot(d, negRow(i), DIM, negBatch.negLabels[i], negMax);
        }
        FFMath.rowSumSquares(x, 2 * batchSize, sumSq);
        FFMath.normalizeRows(Recipe.SLEEP, x, 2 * batchSize, sumSq, x);
    }

    /** Copies one half (raw pixels) standardised into its rows of {@code dst}; returns the half's max. */
    private float standardise(float[] src, float[] dst, boolean positive) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < batchSize; i++) {
            int s = i * DIM, o = (positive ? posRow(i) : negRow(i)) * DIM;
            for (int j = 0; j < DIM; j++) {
                float v = (src[s + j] - mean) * invStd;
                dst[o + j] = v;
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** K Adam steps of layer l on the batch, then its output for the next layer. */
    private void trainLayer(int l, Phase phase, double lr) {
        int in = l == 0 ? DIM : net.width(l - 1), w = net.width(l);
        int all = 2 * batchSize, rows = phase == Phase.JOINT ? all : batchSize;
        if (l > 0) {
            // Input = previous layer's output (computed with its updated weights), L2-normalised.
            xn[l].reshape(all, in);
            FFMath.rowSumSquares(h[l - 1], all, sumSq);
            FFMath.normalizeRows(Recipe.SLEEP, h[l - 1], all, sumSq, xn[l]);
        }
        inputVersion++;
        AdamState state = adam.of(phase, l);
        for (int k = 0; k < steps; k++) {
            forward(l, k == 0 ? all : rows);
            if (k == 0) recordMetrics(l);
            gradient(l, phase, rows);
            state.step(net.weights[l].data, in * w, net.biases[l], dW.data, db, lr);
            weightVersion[l]++;
        }
        if (l + 1 < layers) forward(l, all);
        checkWeightsFinite(l);
    }

    /** h[l] = relu(xn[l]·W_l + b_l) and the mean goodness of the first {@code rows} rows. */
    private void forward(int l, int rows) {
        int w = net.width(l);
        h[l].reshape(rows, w);
        if (l == 0 && sharedBatch) {
            sharedLayerOne.forward(rows, negFirst, versionBase + inputVersion, versionBase + weightVersion[0], h[0].data, sumSq);
        } else {
            xn[l].reshape(rows, xn[l].numCols);
            backend.multCached(xn[l], versionBase + inputVersion, net.weights[l], versionBase + weightVersion[l], h[l]);
            FFMath.addBiasReluSumSquares(h[l], rows, net.biases[l], sumSq);
        }
        float[] g = good[l];
        for (int r = 0; r < rows; r++) g[r] = (float) FFMath.goodness(Recipe.SLEEP, sumSq[r], w);
    }

    /** Metrics of layer l from the first step's forward pass (both halves present). */
    private void recordMetrics(int l) {
        float[] g = good[l];
        double loss = 0;
        for (int i = 0; i < batchSize; i++) {
            float gp = g[posRow(i)], gn = g[negRow(i)];
            lastPos[l][i] = gp;
            lastNeg[l][i] = gn;
            tally.goodPos[l] += gp;
            tally.goodNeg[l] += gn;
            if (gn > gp) tally.pairwise[l]++;
            tally.countGoodness(l, gp, gn);
            if (gp > theta) tally.posCorrect[l]++;
            if (gn < theta) tally.negCorrect[l]++;
            loss += FFMath.softplus(theta - gp) + FFMath.softplus(gn - theta);
        }
        if (!Double.isFinite(tally.goodPos[l]) || !Double.isFinite(tally.goodNeg[l]))
            diverged("layer " + (l + 1) + " goodness is not finite");
        tally.cost += loss / (2 * batchSize);
    }

    /** dZ, dW = x̂ᵀdZ and db for the phase's {@code rows} rows (the derivation is in the class notes). */
    private void gradient(int l, Phase phase, int rows) {
        int in = xn[l].numCols, w = net.width(l);
        float[] g = good[l], hd = h[l].data;
        dz.reshape(rows, w);
        float[] d = dz.data;
        double perTerm = 1.0 / rows, dgdh = 2.0 / w;
        for (int r = 0; r < rows; r++) {
            boolean positive = phase == Phase.POSITIVE || (phase == Phase.JOINT && r < batchSize);
            double dLdg = positive ? -FFMath.logistic(theta - g[r]) : FFMath.logistic(g[r] - theta);
            float c = (float) (dLdg * perTerm * dgdh);
            int o = r * w;
            for (int j = 0; j < w; j++) d[o + j] = c * hd[o + j];
        }
        dW.reshape(in, w);
        if (l == 0 && sharedBatch) {
            sharedLayerOne.gradient(rows, negFirst, dz, versionBase + inputVersion, dW);
        } else {
            xn[l].reshape(rows, in);
            backend.multTransACached(xn[l], versionBase + inputVersion, dz, dW);
        }
        Arrays.fill(db, 0, w, 0f);
        for (int r = 0; r < rows; r++) FFMath.addRow(d, r * w, db, w);
    }

    // ------------------------------------------------------------------------------------------
    // End of epoch, evaluation.

    @Override
    public EpochMetrics finishEpoch() {
        checkEpochComplete();
        int trainCases = evaluation.trainCases();
        long evalStart = System.nanoTime();
        boolean evaluate = config.evalEvery() > 0 && (epoch + 1) % config.evalEvery() == 0;
        SleepEvaluation.EpochErrors e = evaluate ? evaluation.epochErrors() : SleepEvaluation.EpochErrors.NONE;
        double evalSeconds = evaluate ? (System.nanoTime() - evalStart) / 1e9 : 0;
        EpochMetrics m = new EpochMetrics(epoch, 1.0, tally.cost / batchesPerEpoch, tally.pairwiseErrors(),
                tally.meanGoodnessPos(), tally.meanGoodnessNeg(), tally.layerAccuracy(),
                e.energyTrain(), null, null, e.rms(), evaluate ? List.of() : null, tally.seconds(), evalSeconds, tally.samplesPerSecond(),
                negatives.mode(), phases, trainCases, 0,
                e.trainPerLayer(), null, null, updateRatios(), tally.histograms(), e.energyTest(), evaluate ? data.test().count() : 0,
                e.testPerLayer(), e.testPerClass());
        advanceEpoch();
        return m;
    }

    /**
     * Per layer, rms(ΔW) / rms(W) of the last Adam step, recomputed at epoch end from the state
     * that took it: the phase of the last batch and its step size (the live settings are fixed
     * between the last batch and the end of the epoch).
     */
    private List<Double> updateRatios() {
        Phase phase = phases.phaseOf(batchCounter - 1);
        double lr = config.learningRate() * rateScale * (phase == Phase.POSITIVE ? phases.positiveRateScale() : 1.0);
        return adam.updateRatios(net, phase, lr);
    }

    @Override
    TestSetEvaluation testSet() {
        return evaluation;
    }

    /** Energy errors on the test set (all of it), with a confusion matrix if given. */
    public int testErrors(int[][] confusion) {
        return evaluation.testErrors(confusion);
    }

    /** Test errors on the whole test set; train errors on the first {@value #TRAIN_EVAL_LIMIT} training images. */
    // ------------------------------------------------------------------------------------------
    // Live view, settings, state.

    /** Adam steps taken so far by layer {@code l}'s state of {@code phase} (tests, diagnostics). */
    public long adamSteps(int l, Phase phase) {
        return adam.of(phase, l).steps();
    }

    /** A copy of the first moment of layer {@code l}'s W in the state of {@code phase} (tests). */
    float[] adamFirstMoment(int l, Phase phase) {
        return adam.of(phase, l).mW.clone();
    }

    @Override
    public BatchSnapshot batchSnapshot() {
        return batchSnapshot(l -> lastPos[l].clone(), l -> lastNeg[l].clone(), l -> theta);
    }

    @Override
    void layerOneActivity(float[] out) {
        // h[0] holds layer 1's output of the last batch (both halves, with the updated weights).
        int w = net.width(0);
        if (h[0].numRows < 2 * batchSize && negFirst) return;   // one layer, sleep phase: no positive rows kept
        float[] hd = h[0].data;
        for (int i = 0; i < batchSize; i++) {
            int o = posRow(i) * w;
            for (int j = 0; j < w; j++) out[j] += hd[o + j];
        }
        for (int j = 0; j < w; j++) out[j] /= batchSize;
    }

    @Override
    public TrainingState state() {
        Map<String, float[]> buffers = new HashMap<>();
        Map<String, double[]> acc = new HashMap<>();
        adam.saveTo(buffers, acc);
        return state(buffers, acc);
    }

    /** The buffers {@link #state()} writes for {@code config}, name → length (checkpoint validation). */
    static Map<String, Integer> checkpointBuffers(FFConfig config) {
        return PhaseAdamStates.checkpointBuffers(config);
    }

    /** The accumulators {@link #state()} writes besides the epoch's sums, name → length. */
    static Map<String, Integer> checkpointAccumulators(FFConfig config) {
        return PhaseAdamStates.checkpointAccumulators(config);
    }

    private void restore(TrainingState s) {
        restoreCursor(s);
        adam.restore(s);
    }
}
