package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.Phase;
import goodness.ff.Recipe;
import goodness.ff.backend.MatrixBackend;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recipe A, Hinton's supervised Forward-Forward, exactly as docs/recipes.md states it. One
 * call of {@link #trainBatch()} is one batch of the recipe, in the recipe's order, with every
 * pass using the weights as they were at the start of the batch:
 * <ol>
 *   <li>positive pass (true label) and 2. neutral pass (label pixels 0.1), stacked into one
 *       forward pass; the neutral pass gives the softmax logits and trainlogcost;</li>
 *   <li value="3">negative data from the current
 *       {@link goodness.ff.negatives.NegativeStrategy} (hard: the model's own belief over the
 *       wrong labels, from the logits of step 2);</li>
 *   <li>negative pass; PairwiseErrs;</li>
 *   <li>per layer: positive deltas with peer normalisation, negative deltas, one product for
 *       dW+ + dW− that also applies the momentum (sgemm's α and β), weight cost and the update;
 *       then the softmax readout update.</li>
 * </ol>
 * All buffers are allocated once in the constructor; a batch allocates nothing.
 *
 * <p>Speed, exactly: the three passes' layer-1 inputs are one image each with a different label
 * and row scale, so layer 1's image product is done once per batch and each pass adds its label
 * row of W₁ and its scale in the element-wise kernel; the layer-1 gradient combines each image's
 * positive and negative deltas before the product ({@link HintonSharedLayerOne}).
 * {@link #plainLayerOne} keeps the plain path as the reference the tests compare against. The
 * deltas are {@link HintonDeltas}, the optimiser state and its checkpoint layout
 * {@link HintonOptimiserState}, the evaluation {@link HintonEvaluation}.
 *
 * <p>Choices where the recipe is silent, written down here:
 * <ul>
 *   <li>Phase separation (an option of the product, not of the recipe): every batch still runs
 *       all three passes so that the metrics stay comparable, but only the positive (awake) or
 *       negative (sleep) deltas enter dW. The softmax readout trains on every batch: it is a
 *       supervised read-out, not part of the FF objective. Peer means are updated on every batch
 *       (a statistic of positive activity, not a gradient).</li>
 *   <li>The positive learning-rate scaling of a phase schedule multiplies the positive deltas,
 *       which for momentum SGD is the same as scaling that phase's learning rate.</li>
 *   <li>trainlogcost is the epoch's summed −ln q_true divided by the number of batches (the
 *       reference's "per 100 cases" when B = 100).</li>
 * </ul>
 */
public final class HintonTrainer extends AbstractTrainer {
    // Optimiser state; its arrays are the state's own, named here for the hot loop.
    private final HintonOptimiserState optimiser;
    private final FMatrixRMaj[] weightMomentum;
    private final float[][] biasMomentum;
    private final FMatrixRMaj[] readoutMomentum;
    private final float[][] peerMean;
    /** Bumped after every write to W_l, so the backend may keep W_l resident between products. */
    private final long[] weightVersion;
    /** Bumped after a write to a momentum buffer outside the gradient product (a restore). */
    private long momentumVersion;
    private long versionBase;

    /**
     * Layer 1 shared by the passes ({@link HintonSharedLayerOne}); false runs every pass through
     * its own product, the plain path the shared one is cross-checked against (tests).
     */
    private final boolean shareLayerOne;
    private final HintonSharedLayerOne sharedLayerOne;

    // Batch buffers. Stacked pass: rows [0, B) neutral, rows [B, 2B) positive.
    private final FMatrixRMaj stackIn, negIn;
    private final FMatrixRMaj[] stackS, stackN, negS, negN, neutralView;
    private final float[][] stackG, negG;
    private final float[] sumSq;
    private final FMatrixRMaj gradIn, gradDelta;
    private final HintonDeltas deltas;
    private final FMatrixRMaj logits, logitsPart, yMinusQ;
    private final float[] q;
    private final float[] colMean;

    private final HintonEvaluation evaluation;

    /** A new run: network initialised from {@code config.seed()}. */
    public HintonTrainer(FFConfig config, DataSplits data, MatrixBackend backend) {
        this(config, data, backend, null, true);
    }

    /** A new run on the plain layer-1 path (every pass its own product): the reference for tests. */
    static HintonTrainer plainLayerOne(FFConfig config, DataSplits data, MatrixBackend backend) {
        return new HintonTrainer(config, data, backend, null, false);
    }

    private HintonTrainer(FFConfig config, DataSplits data, MatrixBackend backend, TrainingState resume, boolean shareLayerOne) {
        super(config, data, backend, resume, Recipe.HINTON, "recipe A");
        this.shareLayerOne = shareLayerOne;
        optimiser = new HintonOptimiserState(config, net);
        weightMomentum = optimiser.weightMomentum;
        biasMomentum = optimiser.biasMomentum;
        readoutMomentum = optimiser.readoutMomentum;
        peerMean = optimiser.peerMean;
        weightVersion = new long[layers];
        stackS = new FMatrixRMaj[layers];
        stackN = new FMatrixRMaj[layers];
        negS = new FMatrixRMaj[layers];
        negN = new FMatrixRMaj[layers];
        neutralView = new FMatrixRMaj[layers];
        stackG = new float[layers][2 * batchSize];
        negG = new float[layers][batchSize];
        int maxIn = DIM, maxW = 0, in = DIM;
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            stackS[l] = new FMatrixRMaj(2 * batchSize, w);
            stackN[l] = new FMatrixRMaj(2 * batchSize, w);
            negS[l] = new FMatrixRMaj(batchSize, w);
            negN[l] = new FMatrixRMaj(batchSize, w);
            // The neutral rows come first in the stack, so they are a prefix view of its data.
            neutralView[l] = FMatrixRMaj.wrap(batchSize, w, stackN[l].data);
            maxIn = Math.max(maxIn, in);
            maxW = Math.max(maxW, w);
            in = w;
        }
        // The plain path's embedded inputs (the shared path needs none).
        stackIn = new FMatrixRMaj(shareLayerOne ? 1 : 2 * batchSize, DIM);
        negIn = new FMatrixRMaj(shareLayerOne ? 1 : batchSize, DIM);
        sumSq = new float[2 * batchSize];
        gradIn = new FMatrixRMaj(2 * batchSize, maxIn);
        gradDelta = new FMatrixRMaj(2 * batchSize + L, maxW);
        deltas = new HintonDeltas(net, batchSize, stackS, negS, maxW);
        colMean = new float[maxW];
        sharedLayerOne = new HintonSharedLayerOne(config, net, backend, negBatch, batchSize);
        logits = new FMatrixRMaj(batchSize, L);
        logitsPart = new FMatrixRMaj(batchSize, L);
        yMinusQ = new FMatrixRMaj(batchSize, L);
        q = new float[batchSize * L];
        evaluation = new HintonEvaluation(net, backend, data, layers);
        versionBase = System.identityHashCode(this) * 1_000_000_000L;

        if (resume != null) restore(resume);
    }

    /** Continues a run from a checkpointed state, exactly where it stopped. */
    public static HintonTrainer resume(TrainingState state, DataSplits data, MatrixBackend backend) {
        return new HintonTrainer(state.config(), data, backend, state, true);
    }

    // ------------------------------------------------------------------------------------------
    // The recipe.

    @Override
    public void trainBatch() {
        long start = System.nanoTime();
        beginBatch();
        double gain = GainSchedule.gain(epoch, config.epochs()) * rateScale;
        Phase phase = phases.phaseOf(batchCounter);
        loadBatch(batch);

        // Steps 1 and 2: positive (true label) and neutral (0.1 everywhere) passes, stacked.
        stackedPass();

        // Step 2: softmax readout on the neutral rows; trainlogcost.
        softmaxLogits();
        float[] ld = logits.data;
        for (int i = 0; i < batchSize; i++) {
            FFMath.softmax10(ld, i * L, q);
            tally.cost -= Math.log(1e-20 + q[i * L + negBatch.labels[i]]);
        }

        // Step 3: negative data (hard: from the logits, taken before the readout update).
        negBatch.rows = batchSize;
        negBatch.beliefs = ld;
        negBatch.trainingSet = data.train();
        negBatch.rng = rng;
        negatives.makeNegatives(negBatch);

        // Step 4: negative pass.
        negativePass();

        // Step 5: per layer, deltas → one gradient product (with momentum) → update.
        for (int l = 0; l < layers; l++) learnLayer(l, phase, gain);
        updateReadout(gain);

        endBatch(phase, start);
        if (!Double.isFinite(tally.cost)) diverged("the softmax cost is " + tally.cost);
    }

    /** Steps 1-2's forward pass: rows [0, B) neutral, [B, 2B) positive, through every layer. */
    private void stackedPass() {
        int rows = 2 * batchSize;
        if (shareLayerOne) {
            sharedLayerOne.stackedPass(versionBase + weightVersion[0], stackS[0].data, stackG[0]);
            FFMath.normalizeRows(Recipe.HINTON, stackS[0], rows, stackG[0], stackN[0]);
            dropout(stackN[0], stackS[0], stackG[0], rows);
        } else {
            for (int i = 0; i < batchSize; i++) {
                System.arraycopy(negBatch.images, i * DIM, stackIn.data, i * DIM, DIM);
                System.arraycopy(negBatch.images, i * DIM, stackIn.data, (batchSize + i) * DIM, DIM);
                FFMath.embedUniform(stackIn.data, i, DIM, (float) config.neutralLabel());
                FFMath.embedOneHot(stackIn.data, batchSize + i, DIM, negBatch.labels[i], (float) config.labelStrength());
            }
            plainLayerOne(stackIn, rows, stackS[0], stackN[0], stackG[0]);
        }
        upperLayers(rows, stackS, stackN, stackG);
    }

    /** Step 4's forward pass: the negative images with their labels, through every layer. */
    private void negativePass() {
        if (shareLayerOne) {
            sharedLayerOne.negativePass(negatives.keepsImages(), versionBase + weightVersion[0], negS[0].data, negG[0]);
            FFMath.normalizeRows(Recipe.HINTON, negS[0], batchSize, negG[0], negN[0]);
            dropout(negN[0], negS[0], negG[0], batchSize);
        } else {
            System.arraycopy(negBatch.negImages, 0, negIn.data, 0, batchSize * DIM);
            for (int i = 0; i < batchSize; i++) FFMath.embedOneHot(negIn.data, i, DIM, negBatch.negLabels[i], (float) config.labelStrength());
            plainLayerOne(negIn, batchSize, negS[0], negN[0], negG[0]);
        }
        upperLayers(batchSize, negS, negN, negG);
    }

    /** The plain layer 1: {@code in} (label embedded) normalised in place, then its own product. */
    private void plainLayerOne(FMatrixRMaj in, int rows, FMatrixRMaj s, FMatrixRMaj n, float[] g) {
        FFMath.rowSumSquares(in, rows, sumSq);
        FFMath.normalizeRows(Recipe.HINTON, in, rows, sumSq, in);
        backend.multCached(in, net.weights[0], versionBase + weightVersion[0], s);
        FFMath.addBiasReluSumSquares(s, rows, net.biases[0], g);
        FFMath.normalizeRows(Recipe.HINTON, s, rows, g, n);
        dropout(n, s, g, rows);
    }

    /**
     * Layers 2.. of a pass over {@code rows} rows: s_l, n_l, G_l written from n_1. With dropout
     * (hinton-plus) every n_l, n_1 included, is dropped out after normalisation, so the layer above
     * and the readout see the dropped units while G_l is the layer's own, undropped goodness
     * (with {@code dropoutScored}, the goodness of the dropped states: {@link #dropout}).
     */
    private void upperLayers(int rows, FMatrixRMaj[] s, FMatrixRMaj[] n, float[][] g) {
        for (int l = 1; l < layers; l++) {
            backend.multCached(n[l - 1], net.weights[l], versionBase + weightVersion[l], s[l]);
            FFMath.addBiasReluSumSquares(s[l], rows, net.biases[l], g[l]);
            FFMath.normalizeRows(Recipe.HINTON, s[l], rows, g[l], n[l]);
            dropout(n[l], s[l], g[l], rows);
        }
    }

    /**
     * Dropout after a layer's normalisation (hinton-plus; rate 0 = no-op): on n, and with
     * {@code dropoutScored} with the same mask on the states s, whose goodness g is then taken
     * again from what survived (the normalisation above used the whole layer).
     */
    private void dropout(FMatrixRMaj n, FMatrixRMaj s, float[] g, int rows) {
        if (config.dropoutScored()) Dropout.applyInPlace(n, s, g, rows, config.dropout(), rng);
        else Dropout.applyInPlace(n, rows, config.dropout(), rng);
    }

    /** Logits u = Σ_{l ≥ 2} n_l S_l of the neutral rows (the stack's first B rows). */
    private void softmaxLogits() {
        logits.zero();
        for (int l = 0; l < layers; l++) {
            if (!net.hasReadout(l)) continue;
            // Through the backend: EJML's small-product kernels took ~1 s per epoch on these 100×1000·1000×10 shapes.
            backend.mult(neutralView[l], net.readout[l], logitsPart);
            CommonOps_FDRM.addEquals(logits, logitsPart);
        }
    }

    /**
     * Deltas of layer l (positive with peer normalisation, negative), the metrics of the pass,
     * then Ŵ ← μŴ + (1−μ)/B · Σ n_{l−1}ᵀδ inside the gradient product, and the update.
     */
    private void learnLayer(int l, Phase phase, double gain) {
        int w = net.width(l), in = l == 0 ? DIM : net.width(l - 1);
        double theta = config.threshold() * w, temp = config.temperature();
        float[] sPos = stackS[l].data;
        int posBase = batchSize * w;                   // positive rows start after the neutral rows
        float[] gPos = stackG[l], gNeg = negG[l];

        // Peer normalisation: running mean activity of each unit on positive data.
        java.util.Arrays.fill(colMean, 0, w, 0f);
        for (int i = 0; i < batchSize; i++) FFMath.addRow(sPos, posBase + i * w, colMean, w);
        float[] m = peerMean[l];
        double decay = config.peerDecay(), meanOfMeans = 0;
        for (int j = 0; j < w; j++) {
            m[j] = (float) (decay * m[j] + (1 - decay) * (colMean[j] / batchSize));
            meanOfMeans += m[j];
        }
        meanOfMeans /= w;
        float lambda = (float) config.peerLambda();
        boolean usePos = phase != Phase.NEGATIVE, useNeg = phase != Phase.POSITIVE;
        float posScale = phase == Phase.POSITIVE ? (float) phases.positiveRateScale() : 1f;
        float[] peerTerm = deltas.peerTerm, coefPos = deltas.coefPos, coefNeg = deltas.coefNeg;
        for (int j = 0; j < w; j++) peerTerm[j] = posScale * lambda * (float) (meanOfMeans - m[j]);

        // Metrics; δ+ = a+·s + peer term (not gated by the ReLU), δ− = a−·s, with a+ = (1 − p+), a− = −p−.
        for (int i = 0; i < batchSize; i++) {
            double pPos = FFMath.logistic((gPos[batchSize + i] - theta) / temp);
            double pNeg = FFMath.logistic((gNeg[i] - theta) / temp);
            tally.goodPos[l] += gPos[batchSize + i];
            tally.goodNeg[l] += gNeg[i];
            if (gNeg[i] > gPos[batchSize + i]) tally.pairwise[l]++;
            tally.countGoodness(l, gPos[batchSize + i], gNeg[i]);
            if (pPos > 0.5) tally.posCorrect[l]++;
            if (pNeg < 0.5) tally.negCorrect[l]++;
            coefPos[i] = usePos ? (float) (1 - pPos) * posScale : 0f;
            coefNeg[i] = useNeg ? (float) -pNeg : 0f;
        }
        if (!Double.isFinite(tally.goodPos[l]) || !Double.isFinite(tally.goodNeg[l]))
            diverged("layer " + (l + 1) + " goodness is not finite");

        float mu = (float) config.momentum(), alpha = (float) ((1 - config.momentum()) / batchSize);
        float[] db = deltas.db;
        java.util.Arrays.fill(db, 0, w, 0f);
        if (l == 0 && shareLayerOne) {
            sharedLayerOne.gradient(deltas, negatives.keepsImages(), usePos, useNeg, mu, alpha, gradDelta, weightMomentum[0], versionBase + momentumVersion);
        } else {
            plainGradient(l, in, usePos, useNeg, mu, alpha);
        }

        // W ← W + gain·ε·(Ŵ − wc·W) in one pass (Ŵ was updated inside the product, and stays in
        // the backend: only W comes back to the heap); b likewise.
        float step = (float) (gain * config.learningRate()), wc = (float) config.weightCost();
        long version = versionBase + weightVersion[l];
        backend.momentumStepInPlace(net.weights[l], version, version + 1, weightMomentum[l], versionBase + momentumVersion, step, wc);
        float[] bd = net.biases[l], bm = biasMomentum[l];
        for (int j = 0; j < w; j++) {
            bm[j] = mu * bm[j] + alpha * db[j];
            bd[j] += step * bm[j];
        }
        weightVersion[l]++;
        checkWeightsFinite(l);
    }

    /** Layers 2.. (and the plain layer 1): [n+; n−]ᵀ[δ+; δ−] in one product, straight into Ŵ. */
    private void plainGradient(int l, int in, boolean usePos, boolean useNeg, float mu, float alpha) {
        int w = net.width(l), rows = 0;
        gradIn.reshape(2 * batchSize, in);
        gradDelta.reshape(2 * batchSize, w);
        float[] gi = gradIn.data, gd = gradDelta.data;
        float[] posInput = l == 0 ? stackIn.data : stackN[l - 1].data;
        float[] negInput = l == 0 ? negIn.data : negN[l - 1].data;
        if (usePos) for (int i = 0; i < batchSize; i++, rows++) {
            deltas.positive(l, i, 1f, gd, rows * w, false, -1, 0f);
            System.arraycopy(posInput, (batchSize + i) * in, gi, rows * in, in);
        }
        if (useNeg) for (int i = 0; i < batchSize; i++, rows++) {
            deltas.negative(l, i, 1f, gd, rows * w, false, -1, 0f);
            System.arraycopy(negInput, i * in, gi, rows * in, in);
        }
        gradIn.reshape(rows, in);
        gradDelta.reshape(rows, w);
        backend.multTransAAddResident(alpha, gradIn, gradDelta, mu, weightMomentum[l], versionBase + momentumVersion);
    }

    /** Ŝ ← μŜ + (1−μ)·n_lᵀ(Y − q)/B inside the product;  S ← S + gain·ε_S·(Ŝ − wc_S·S), for every layer with a readout. */
    private void updateReadout(double gain) {
        float[] yq = yMinusQ.data;
        for (int i = 0; i < batchSize; i++) {
            for (int c = 0; c < L; c++) yq[i * L + c] = -q[i * L + c];
            yq[i * L + negBatch.labels[i]] += 1f;
        }
        float mu = (float) config.momentum(), alpha = (float) ((1 - config.momentum()) / batchSize);
        float step = (float) (gain * config.softmaxLearningRate()), wc = (float) config.softmaxWeightCost();
        for (int l = 0; l < layers; l++) {
            if (!net.hasReadout(l)) continue;
            backend.multTransAAdd(alpha, neutralView[l], yMinusQ, mu, readoutMomentum[l], versionBase + momentumVersion);
            FMatrixRMaj s = net.readout[l];
            FFMath.momentumStepInPlace(s.data, readoutMomentum[l].data, s.getNumElements(), step, wc);
        }
    }

    // ------------------------------------------------------------------------------------------
    // End of epoch, evaluation.

    @Override
    public EpochMetrics finishEpoch() {
        checkEpochComplete();
        double gain = GainSchedule.gain(epoch, config.epochs());
        long evalStart = System.nanoTime();
        boolean evaluate = config.evalEvery() > 0 && (epoch + 1) % config.evalEvery() == 0;
        HintonEvaluation.EpochErrors e = evaluate ? evaluation.epochErrors() : HintonEvaluation.EpochErrors.NONE;
        double evalSeconds = evaluate ? (System.nanoTime() - evalStart) / 1e9 : 0;
        List<Double> ratio = new ArrayList<>();
        for (int l = 0; l < layers; l++) ratio.add(updateRatio(l));
        EpochMetrics m = new EpochMetrics(epoch, gain, tally.cost / batchesPerEpoch, tally.pairwiseErrors(),
                tally.meanGoodnessPos(), tally.meanGoodnessNeg(), tally.layerAccuracy(),
                e.energyTrain(), e.energyValid(), e.softmaxValid(), e.rms(), e.suprms(), tally.seconds(), evalSeconds, tally.samplesPerSecond(),
                negatives.mode(), phases, data.train().count(), data.valid().count(),
                e.trainPerLayer(), e.validPerLayer(), e.validPerClass(), List.copyOf(ratio), tally.histograms());
        advanceEpoch();
        return m;
    }

    /**
     * rms(ΔW_l) / rms(W_l) of the last update of W_l, from the optimiser state at epoch end (the
     * hot loop is not touched). The update used step = gain·ε of the last batch (the gain
     * schedule and live rate scale are fixed within an epoch).
     */
    private double updateRatio(int l) {
        double step = GainSchedule.gain(epoch, config.epochs()) * rateScale * config.learningRate(), wc = config.weightCost();
        return optimiser.updateRatio(l, net, backend, step, wc);
    }

    @Override
    TestSetEvaluation testSet() {
        return evaluation;
    }

    // ------------------------------------------------------------------------------------------
    // Live view, settings, state.

    @Override
    public BatchSnapshot batchSnapshot() {
        return batchSnapshot(l -> java.util.Arrays.copyOfRange(stackG[l], batchSize, 2 * batchSize), l -> negG[l].clone(),
                l -> config.threshold() * net.width(l));
    }

    /**
     * The last batch's negative-pass input as the network received it (label embedded, normalised);
     * tests only. The shared layer-1 path never forms these rows, so they are rebuilt from what
     * the pass used: each image row of its block (label pixels 0), the label pixel's value and
     * the row's normalisation factor.
     */
    float[] negativePassInput() {
        return shareLayerOne ? sharedLayerOne.negativePassInput() : negIn.data;
    }

    @Override
    void layerOneActivity(float[] out) {
        int w = net.width(0);
        float[] sPos = stackS[0].data;                 // positive rows follow the neutral rows
        for (int i = 0; i < batchSize; i++) {
            int o = (batchSize + i) * w;
            for (int j = 0; j < w; j++) out[j] += sPos[o + j];
        }
        for (int j = 0; j < w; j++) out[j] /= batchSize;
    }

    @Override
    public TrainingState state() {
        return state(optimiser.buffers(backend), new HashMap<>());
    }

    /** The buffers {@link #state()} writes for {@code config}, name → length (checkpoint validation). */
    static Map<String, Integer> checkpointBuffers(FFConfig config) {
        return HintonOptimiserState.checkpointBuffers(config);
    }

    private void restore(TrainingState s) {
        restoreCursor(s);
        optimiser.restore(s);
        momentumVersion++; // written outside the gradient products: resident copies are stale
    }
}
