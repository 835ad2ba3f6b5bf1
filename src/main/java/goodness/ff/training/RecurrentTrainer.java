package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.Recipe;
import goodness.ff.scoring.RecurrentPass;
import goodness.ff.backend.MatrixBackend;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recurrent Forward-Forward network with top-down connections of Hinton's paper (section "a
 * recurrent network with top-down connections"), as docs/recurrent.md states it. The paper gives
 * no code; every choice where it is silent is written there and below.
 *
 * <p>One call of {@link #trainBatch()}, with every pass using the weights as they were at the
 * start of the batch:
 * <ol>
 *   <li>t = 0, one bottom-up pass of the batch's images ({@link RecurrentPass#start}); it does not
 *       depend on the label, so the positive and the negative run start from it alike;</li>
 *   <li>negative labels: hard ones drawn from the network's own beliefs (below), or random wrong
 *       labels;</li>
 *   <li>the positive run (true label clamped) and the negative run (the same image, the drawn
 *       wrong label clamped), stacked as 2B rows, for T synchronous iterations; after iteration t
 *       every layer's deltas are written for that iteration:
 *       {@code δ_l(t) = a·h_l(t)⊙[z_l(t) > 0]}, {@code a = 1 − p} for the positive rows and
 *       {@code a = −p} for the negative ones, {@code p = σ((G_l(t) − θ·w_l)/temperature)}: the
 *       gradient of log p (positive) or log(1 − p) (negative) with respect to z_l(t), the layer's
 *       inputs held constant (no backpropagation through time or between layers), with the
 *       constant factor 2·(1 − damping) of ∂G/∂z folded into the learning rate (as recipe A
 *       folds the 2);</li>
 *   <li>peer normalisation as recipe A, on the positive states of the last iteration: the running
 *       mean activity m_l ← 0.9·m_l + 0.1·(batch mean), and {@code λ·(mean(m_l) − m_l)} added to
 *       the last iteration's positive deltas (the paper does not mention it for this network; kept
 *       at λ = 0.03 because the pilot in docs/recurrent.md learns faster with it than with λ = 0);</li>
 *   <li>per layer, the T iterations' rows stacked: one product each for
 *       {@code dW_l = Σ_t n_{l-1}(t-1)ᵀ δ_l(t)} and {@code dV_l = Σ_t n_{l+1}(t-1)ᵀ δ_l(t)}, the
 *       momentum inside the product (sgemm's α and β), for layer 1 the static image times the
 *       deltas summed over the iterations and both runs (one product), for the top layer the
 *       label layer's one-hot rows as row additions; then recipe A's update
 *       {@code Ŵ ← 0.9·Ŵ + 0.1·dW/(B·T)}, {@code W ← W + gain·ε·(Ŵ − wc·W)} for W_l and V_l, the
 *       biases without weight cost; recipe A's gain schedule.</li>
 * </ol>
 *
 * <p>Hard negatives ("a single forward pass" giving a probability per class): after the t = 0
 * pass, the top hidden layer's goodness with each label c clamped,
 * {@code G_L(c) = Σ_j relu(z_L(0) + labelStrength·V_L[c,:])²}, with logits
 * {@code G_L(c)/}{@value #BELIEF_TEMPERATURE_PER_UNIT}{@code ·w_L} (G_L/w_L alone makes the nine
 * wrong labels almost equally likely; docs/recurrent.md measures the choice); a wrong label is then drawn
 * in proportion to the softmax of the nine wrong ones (recipe A's inverse-CDF draw,
 * {@link goodness.ff.negatives.HardNegatives}). Random wrong labels and the phase schedules of
 * recipe A are options; mask hybrids are not (the image is static, the labels are what differ).
 *
 * <p>The epoch's figures come from the last iteration (pairwise errors, goodness, histograms);
 * its cost ("trainlogcost") is the FF loss of that iteration, Σ_l [−ln p⁺ − ln(1 − p⁻)], summed
 * over the batch's cases and averaged over the batches. All buffers are allocated once; a batch
 * allocates nothing.
 */
public final class RecurrentTrainer extends AbstractTrainer {
    /**
     * The hard negatives' belief temperature, per unit of the top layer: logits are G_L(c)
     * divided by this times its width (see docs/recurrent.md for the choice).
     */
    static final double BELIEF_TEMPERATURE_PER_UNIT = 0.01;

    private final RecurrentOptimiserState optimiser;
    private final RecurrentPass pass;
    private final RecurrentEvaluation evaluation;
    private final int iterations, rows;
    /** Versions of W_l and V_l for the backend's operand cache: bumped after every write. */
    private final long[] weightVersion, topDownVersion;
    private long momentumVersion;
    private final long versionBase;

    /** Per layer: n_l(t) for t = 0..T−1, block t holding the 2B rows of iteration t (the inputs of the gradient products). */
    private final FMatrixRMaj[] history;
    /** Per layer: δ_l(t) for t = 1..T, block t − 1 holding iteration t's 2B rows. */
    private final FMatrixRMaj[] delta;
    /** Layer 1: Σ_t (δ⁺ + δ⁻) per image (B rows). */
    private final FMatrixRMaj imageDelta;
    /** The top layer's label gradient, 10 × w_L. */
    private final float[] labelGradient;
    private final float[] beliefs, colMean, peerTerm, db, coef, gPosLast, gNegLast;

    /** A new run: network initialised from {@code config.seed()}. */
    public RecurrentTrainer(FFConfig config, DataSplits data, MatrixBackend backend) {
        this(config, data, backend, null);
    }

    private RecurrentTrainer(FFConfig config, DataSplits data, MatrixBackend backend, TrainingState resume) {
        super(config, data, backend, resume, Recipe.RECURRENT, "the recurrent recipe");
        iterations = config.recurrentSettings().iterations();
        rows = 2 * batchSize;
        optimiser = new RecurrentOptimiserState(config);
        pass = new RecurrentPass(net, backend, batchSize, 2);
        versionBase = System.identityHashCode(this) * 1_000_000_000L;
        weightVersion = new long[layers];
        topDownVersion = new long[layers];
        for (int l = 0; l < layers; l++) {
            weightVersion[l] = versionBase + 2L * l * 100_000_000L;
            topDownVersion[l] = versionBase + (2L * l + 1) * 100_000_000L;
        }
        pass.useVersions(weightVersion, topDownVersion);
        history = new FMatrixRMaj[layers];
        delta = new FMatrixRMaj[layers];
        int maxW = 0;
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            history[l] = new FMatrixRMaj(iterations * rows, w);
            delta[l] = new FMatrixRMaj(iterations * rows, w);
            maxW = Math.max(maxW, w);
        }
        imageDelta = new FMatrixRMaj(batchSize, config.width(0));
        labelGradient = new float[L * config.width(layers - 1)];
        beliefs = new float[batchSize * L];
        colMean = new float[maxW];
        peerTerm = new float[maxW];
        db = new float[maxW];
        coef = new float[rows];
        gPosLast = new float[layers * batchSize];
        gNegLast = new float[layers * batchSize];
        evaluation = new RecurrentEvaluation(net, backend, data);
        if (resume != null) {
            restoreCursor(resume);
            optimiser.restore(resume);
            momentumVersion++;   // written outside the gradient products: resident copies are stale
        }
    }

    /** Continues a run from a checkpointed state, exactly where it stopped. */
    public static RecurrentTrainer resume(TrainingState state, DataSplits data, MatrixBackend backend) {
        return new RecurrentTrainer(state.config(), data, backend, state);
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

        pass.start(negBatch.images, 0, batchSize);
        if (negatives.mode() == NegativeMode.HARD) computeBeliefs();
        negBatch.rows = batchSize;
        negBatch.beliefs = beliefs;
        negBatch.trainingSet = data.train();
        negBatch.rng = rng;
        negatives.makeNegatives(negBatch);
        int[] labels = pass.labels();
        System.arraycopy(negBatch.labels, 0, labels, 0, batchSize);
        System.arraycopy(negBatch.negLabels, 0, labels, batchSize, batchSize);

        boolean usePos = phase != Phase.NEGATIVE, useNeg = phase != Phase.POSITIVE;
        float posScale = phase == Phase.POSITIVE ? (float) phases.positiveRateScale() : 1f;
        keepHistory(0);
        for (int t = 1; t <= iterations; t++) {
            pass.iterate();
            for (int l = 0; l < layers; l++) writeDeltas(l, t, usePos, useNeg, posScale);
            if (t < iterations) keepHistory(t);
        }
        for (int l = 0; l < layers; l++) tallyLayer(l);
        for (int l = 0; l < layers; l++) peerNormalisation(l, usePos, posScale);
        for (int l = 0; l < layers; l++) learnLayer(l, gain);

        endBatch(phase, start);
        if (!Double.isFinite(tally.cost)) diverged("the FF loss is " + tally.cost);
    }

    /** Logits of every label for each case, from the top hidden layer after the bottom-up pass (see the class notes). */
    private void computeBeliefs() {
        int top = layers - 1, w = net.width(top);
        float[] base = pass.topBase().data, v = net.topDown[top].data;
        float s = (float) config.labelStrength();
        double scale = 1.0 / (BELIEF_TEMPERATURE_PER_UNIT * w);
        for (int i = 0; i < batchSize; i++)
            for (int c = 0; c < L; c++) {
                int o = i * w, vo = c * w;
                float a0 = 0, a1 = 0;
                int j = 0;
                for (; j + 2 <= w; j += 2) {
                    float x0 = Math.max(base[o + j] + s * v[vo + j], 0f), x1 = Math.max(base[o + j + 1] + s * v[vo + j + 1], 0f);
                    a0 += x0 * x0;
                    a1 += x1 * x1;
                }
                for (; j < w; j++) {
                    float x = Math.max(base[o + j] + s * v[vo + j], 0f);
                    a0 += x * x;
                }
                beliefs[i * L + c] = (float) ((a0 + a1) * scale);
            }
    }

    /** Copies n_l(t) of every layer into block t of its history. */
    private void keepHistory(int t) {
        for (int l = 0; l < layers; l++) {
            int block = rows * net.width(l);
            System.arraycopy(pass.normalised(l).data, 0, history[l].data, t * block, block);
        }
    }

    /** δ_l(t) into block t − 1 of the layer's deltas; the last iteration's goodness is kept for the figures. */
    private void writeDeltas(int l, int t, boolean usePos, boolean useNeg, float posScale) {
        int w = net.width(l);
        double theta = config.threshold() * w, temp = config.temperature();
        float[] g = pass.goodness(l), z = pass.preActivation(l).data, h = pass.state(l).data, d = delta[l].data;
        for (int r = 0; r < rows; r++) {
            double p = FFMath.logistic((g[r] - theta) / temp);
            coef[r] = r < batchSize ? (usePos ? (float) (1 - p) * posScale : 0f) : (useNeg ? (float) -p : 0f);
        }
        int base = (t - 1) * rows * w;
        for (int r = 0; r < rows; r++) {
            float a = coef[r];
            int o = r * w, dOff = base + o;
            for (int j = 0; j < w; j++) d[dOff + j] = z[o + j] > 0f ? a * h[o + j] : 0f;
        }
        if (t == iterations) {
            System.arraycopy(g, 0, gPosLast, l * batchSize, batchSize);
            System.arraycopy(g, batchSize, gNegLast, l * batchSize, batchSize);
        }
    }

    /** The epoch's figures of layer l from the last iteration. */
    private void tallyLayer(int l) {
        int w = net.width(l);
        double theta = config.threshold() * w, temp = config.temperature();
        double cost = 0;
        for (int i = 0; i < batchSize; i++) {
            float gp = gPosLast[l * batchSize + i], gn = gNegLast[l * batchSize + i];
            double xp = (gp - theta) / temp, xn = (gn - theta) / temp;
            tally.goodPos[l] += gp;
            tally.goodNeg[l] += gn;
            if (gn > gp) tally.pairwise[l]++;
            tally.countGoodness(l, gp, gn);
            if (xp > 0) tally.posCorrect[l]++;
            if (xn < 0) tally.negCorrect[l]++;
            cost += FFMath.softplus(-xp) + FFMath.softplus(xn);   // −ln p⁺ − ln(1 − p⁻)
        }
        tally.cost += cost;
        if (!Double.isFinite(tally.goodPos[l]) || !Double.isFinite(tally.goodNeg[l]))
            diverged("layer " + (l + 1) + " goodness is not finite");
    }

    /** Recipe A's peer normalisation on the positive states of the last iteration, added to its positive deltas. */
    private void peerNormalisation(int l, boolean usePos, float posScale) {
        int w = net.width(l);
        float[] h = pass.state(l).data, m = optimiser.peerMean[l];
        java.util.Arrays.fill(colMean, 0, w, 0f);
        for (int i = 0; i < batchSize; i++) FFMath.addRow(h, i * w, colMean, w);
        double decay = config.peerDecay(), meanOfMeans = 0;
        for (int j = 0; j < w; j++) {
            m[j] = (float) (decay * m[j] + (1 - decay) * (colMean[j] / batchSize));
            meanOfMeans += m[j];
        }
        meanOfMeans /= w;
        float lambda = (float) config.peerLambda();
        if (!usePos || lambda == 0f) return;
        for (int j = 0; j < w; j++) peerTerm[j] = posScale * lambda * (float) (meanOfMeans - m[j]);
        float[] d = delta[l].data;
        int base = (iterations - 1) * rows * w;
        for (int i = 0; i < batchSize; i++) {
            int o = base + i * w;
            for (int j = 0; j < w; j++) d[o + j] += peerTerm[j];
        }
    }

    /** The gradient products (momentum inside), then the updates of W_l, V_l and b_l. */
    private void learnLayer(int l, double gain) {
        int w = net.width(l);
        float mu = (float) config.momentum(), alpha = (float) ((1 - config.momentum()) / ((double) batchSize * iterations));
        long mVersion = versionBase + momentumVersion;
        float[] d = delta[l].data;
        if (l == 0) {
            float[] s = imageDelta.data;
            java.util.Arrays.fill(s, 0, batchSize * w, 0f);
            for (int t = 0; t < iterations; t++)
                for (int r = 0; r < rows; r++) {
                    int o = (t * rows + r) * w, so = (r % batchSize) * w;
                    for (int j = 0; j < w; j++) s[so + j] += d[o + j];
                }
            backend.multTransAAdd(alpha, pass.input(), imageDelta, mu, optimiser.weightMomentum[0], mVersion);
        } else {
            backend.multTransAAdd(alpha, history[l - 1], delta[l], mu, optimiser.weightMomentum[l], mVersion);
        }
        if (l + 1 < layers) {
            backend.multTransAAdd(alpha, history[l + 1], delta[l], mu, optimiser.topDownMomentum[l], mVersion);
        } else {
            // The label layer: n_{L+1} is labelStrength at the clamped label's unit, 0 elsewhere.
            java.util.Arrays.fill(labelGradient, 0f);
            int[] labels = pass.labels();
            float s = (float) config.labelStrength();
            for (int t = 0; t < iterations; t++)
                for (int r = 0; r < rows; r++) {
                    int o = (t * rows + r) * w, lo = labels[r] * w;
                    for (int j = 0; j < w; j++) labelGradient[lo + j] += s * d[o + j];
                }
            float[] vm = optimiser.topDownMomentum[l].data;
            for (int k = 0; k < labelGradient.length; k++) vm[k] = mu * vm[k] + alpha * labelGradient[k];
        }
        java.util.Arrays.fill(db, 0, w, 0f);
        for (int r = 0, n = iterations * rows; r < n; r++) FFMath.addRow(d, r * w, db, w);

        float step = (float) (gain * config.learningRate()), wc = (float) config.weightCost();
        FMatrixRMaj W = net.weights[l], V = net.topDown[l];
        FFMath.momentumStepInPlace(W.data, optimiser.weightMomentum[l].data, W.getNumElements(), step, wc);
        FFMath.momentumStepInPlace(V.data, optimiser.topDownMomentum[l].data, V.getNumElements(), step, wc);
        weightVersion[l]++;
        topDownVersion[l]++;
        float[] bd = net.biases[l], bm = optimiser.biasMomentum[l];
        for (int j = 0; j < w; j++) {
            bm[j] = mu * bm[j] + alpha * db[j];
            bd[j] += step * bm[j];
        }
        checkWeightsFinite(l);
    }

    // ------------------------------------------------------------------------------------------
    // End of epoch, evaluation.

    @Override
    public EpochMetrics finishEpoch() {
        checkEpochComplete();
        double gain = GainSchedule.gain(epoch, config.epochs());
        long evalStart = System.nanoTime();
        boolean evaluate = config.evalEvery() > 0 && (epoch + 1) % config.evalEvery() == 0;
        RecurrentEvaluation.EpochErrors e = evaluate ? evaluation.epochErrors() : RecurrentEvaluation.EpochErrors.NONE;
        double evalSeconds = evaluate ? (System.nanoTime() - evalStart) / 1e9 : 0;
        List<Double> ratio = new ArrayList<>();
        double step = gain * rateScale * config.learningRate();
        for (int l = 0; l < layers; l++) ratio.add(optimiser.updateRatio(l, net, step, config.weightCost()));
        EpochMetrics m = new EpochMetrics(epoch, gain, tally.cost / batchesPerEpoch, tally.pairwiseErrors(),
                tally.meanGoodnessPos(), tally.meanGoodnessNeg(), tally.layerAccuracy(),
                null, e.energyValid(), null, e.rms(), evaluate ? List.of() : null, tally.seconds(), evalSeconds, tally.samplesPerSecond(),
                negatives.mode(), phases, data.train().count(), data.valid().count(),
                null, e.validPerLayer(), e.validPerClass(), List.copyOf(ratio), tally.histograms());
        advanceEpoch();
        return m;
    }

    @Override
    TestSetEvaluation testSet() {
        return evaluation;
    }

    // ------------------------------------------------------------------------------------------
    // Live view, settings, state.

    @Override
    public BatchSnapshot batchSnapshot() {
        return batchSnapshot(l -> java.util.Arrays.copyOfRange(gPosLast, l * batchSize, (l + 1) * batchSize),
                l -> java.util.Arrays.copyOfRange(gNegLast, l * batchSize, (l + 1) * batchSize), l -> config.threshold() * net.width(l));
    }

    @Override
    void layerOneActivity(float[] out) {
        int w = net.width(0);
        float[] h = pass.state(0).data;                 // the positive rows come first
        for (int i = 0; i < batchSize; i++) FFMath.addRow(h, i * w, out, w);
        for (int j = 0; j < w; j++) out[j] /= batchSize;
    }

    @Override
    public TrainingState state() {
        return state(optimiser.buffers(), new HashMap<>());
    }

    /** The buffers {@link #state()} writes for {@code config}, name → length (checkpoint validation). */
    static Map<String, Integer> checkpointBuffers(FFConfig config) {
        return RecurrentOptimiserState.checkpointBuffers(config);
    }
}
