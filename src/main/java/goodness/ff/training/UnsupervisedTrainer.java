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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Unsupervised Forward-Forward (Hinton 2022, the hybrid-image experiment) on recipe A's layers
 * and optimiser, as docs/unsupervised.md states it. No label enters the network: the positive
 * data are the training images as they are, the negative data hybrid images of two training
 * images under a blurred random mask ({@link goodness.ff.negatives.MaskHybrids}). Each layer
 * learns to make its goodness G = Σ s² high on real digits and low on hybrids, with recipe A's
 * logistic p = σ((G − θ·width)/T), peer normalisation and momentum updates.
 *
 * <p>One batch, every pass with the weights as they were at its start:
 * <ol>
 *   <li>the batch's images (rows [0, B)) and as many hybrids (rows [B, 2B)) stacked, each row
 *       RMS-normalised, and passed through every layer: one product per layer;</li>
 *   <li>the softmax readout of the normalised activities of layers 2.. (with four layers, the
 *       last three) on the real rows: logits, the log cost, and the readout update (the readout
 *       never changes the layers: it reads them);</li>
 *   <li>per layer: δ+ = (1 − p+)·s + peer term on the real rows, δ− = −p−·s on the hybrids, and
 *       one product [n_{l−1}]ᵀ[δ+; δ−] into the momentum, then the update.</li>
 * </ol>
 * After {@code epochs} epochs of this, {@code readoutEpochs} more epochs train only the readout on
 * the frozen layers (the hybrids still pass through, so the layers' goodness and pairwise errors
 * stay measured); the readout's gain follows recipe A's schedule over those epochs.
 *
 * <p>The checkpoint layout is recipe A's ({@link HintonOptimiserState}). All buffers are allocated
 * in the constructor; a batch allocates nothing.
 */
public final class UnsupervisedTrainer extends AbstractTrainer {
    private final HintonOptimiserState optimiser;
    private final long[] weightVersion;
    private long momentumVersion;
    private final long versionBase;

    /** Rows [0, B) the batch's images, rows [B, 2B) the hybrids; normalised in place. */
    private final FMatrixRMaj input;
    private final float[] inputSq;
    private final FMatrixRMaj[] s, n, realRows;
    private final float[][] g;
    private final FMatrixRMaj gradDelta;
    private final float[] colMean, peerTerm, coefPos, coefNeg, db;
    private final FMatrixRMaj logits, logitsPart, yMinusQ;
    private final float[] q;
    private final UnsupervisedEvaluation evaluation;

    /** A new run: network initialised from {@code config.seed()}. */
    public UnsupervisedTrainer(FFConfig config, DataSplits data, MatrixBackend backend) {
        this(config, data, backend, null);
    }

    private UnsupervisedTrainer(FFConfig config, DataSplits data, MatrixBackend backend, TrainingState resume) {
        super(config, data, backend, resume, Recipe.HINTON, "unsupervised recipe A");
        if (!config.unsupervised()) throw new IllegalArgumentException("UnsupervisedTrainer runs unsupervised configs; this one has labels");
        optimiser = new HintonOptimiserState(config, net);
        weightVersion = new long[layers];
        int rows = 2 * batchSize, maxW = 0;
        input = new FMatrixRMaj(rows, DIM);
        inputSq = new float[rows];
        s = new FMatrixRMaj[layers];
        n = new FMatrixRMaj[layers];
        realRows = new FMatrixRMaj[layers];
        g = new float[layers][rows];
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            s[l] = new FMatrixRMaj(rows, w);
            n[l] = new FMatrixRMaj(rows, w);
            realRows[l] = FMatrixRMaj.wrap(batchSize, w, n[l].data);   // the real images come first
            maxW = Math.max(maxW, w);
        }
        gradDelta = new FMatrixRMaj(rows, maxW);
        colMean = new float[maxW];
        peerTerm = new float[maxW];
        db = new float[maxW];
        coefPos = new float[batchSize];
        coefNeg = new float[batchSize];
        logits = new FMatrixRMaj(batchSize, L);
        logitsPart = new FMatrixRMaj(batchSize, L);
        yMinusQ = new FMatrixRMaj(batchSize, L);
        q = new float[batchSize * L];
        evaluation = new UnsupervisedEvaluation(net, backend, data);
        versionBase = System.identityHashCode(this) * 1_000_000_000L;
        if (resume != null) {
            restoreCursor(resume);
            optimiser.restore(resume);
            momentumVersion++;   // written outside the gradient products: resident copies are stale
        }
    }

    /** Continues a run from a checkpointed state, exactly where it stopped. */
    public static UnsupervisedTrainer resume(TrainingState state, DataSplits data, MatrixBackend backend) {
        return new UnsupervisedTrainer(state.config(), data, backend, state);
    }

    /** Whether the epoch in progress belongs to the readout-only phase after the FF epochs. */
    public boolean inReadoutPhase() {
        return epoch >= config.epochs();
    }

    /** The gain of the epoch in progress: of the FF schedule, or of the readout phase's own. */
    private double scheduledGain() {
        return inReadoutPhase() ? GainSchedule.gain(epoch - config.epochs(), config.readoutEpochs())
                : GainSchedule.gain(epoch, config.epochs());
    }

    // ------------------------------------------------------------------------------------------
    // The recipe.

    @Override
    public void trainBatch() {
        long start = System.nanoTime();
        beginBatch();
        boolean readoutOnly = inReadoutPhase();
        double gain = scheduledGain() * rateScale;
        Phase phase = readoutOnly ? Phase.JOINT : phases.phaseOf(batchCounter);
        loadBatch(batch);

        // Step 1: the hybrids, stacked under the real images; every row normalised; all layers.
        negBatch.rows = batchSize;
        negBatch.beliefs = null;
        negBatch.trainingSet = data.train();
        negBatch.rng = rng;
        negatives.makeNegatives(negBatch);
        System.arraycopy(negBatch.images, 0, input.data, 0, batchSize * DIM);
        System.arraycopy(negBatch.negImages, 0, input.data, batchSize * DIM, batchSize * DIM);
        int rows = 2 * batchSize;
        FFMath.rowSumSquares(input, rows, inputSq);
        FFMath.normalizeRows(Recipe.HINTON, input, rows, inputSq, input);
        for (int l = 0; l < layers; l++) {
            backend.multCached(l == 0 ? input : n[l - 1], net.weights[l], versionBase + weightVersion[l], s[l]);
            FFMath.addBiasReluSumSquares(s[l], rows, net.biases[l], g[l]);
            FFMath.normalizeRows(Recipe.HINTON, s[l], rows, g[l], n[l]);
        }

        // Step 2: the readout's logits on the real rows; the cost.
        logits.zero();
        for (int l = 0; l < layers; l++) {
            if (!net.hasReadout(l)) continue;
            backend.mult(realRows[l], net.readout[l], logitsPart);
            CommonOps_FDRM.addEquals(logits, logitsPart);
        }
        for (int i = 0; i < batchSize; i++) {
            FFMath.softmax10(logits.data, i * L, q);
            tally.cost -= Math.log(1e-20 + q[i * L + negBatch.labels[i]]);
        }

        // Step 3: per layer, the deltas, one gradient product and the update (not in the readout phase).
        for (int l = 0; l < layers; l++) learnLayer(l, phase, gain, readoutOnly);
        updateReadout(gain);

        endBatch(phase, start);
        if (!Double.isFinite(tally.cost)) diverged("the softmax cost is " + tally.cost);
    }

    private void learnLayer(int l, Phase phase, double gain, boolean readoutOnly) {
        int w = net.width(l), in = l == 0 ? DIM : net.width(l - 1);
        double theta = config.threshold() * w, temp = config.temperature();
        float[] sd = s[l].data, gl = g[l];

        boolean usePos = phase != Phase.NEGATIVE, useNeg = phase != Phase.POSITIVE;
        float posScale = phase == Phase.POSITIVE ? (float) phases.positiveRateScale() : 1f;
        if (!readoutOnly) {
            // Peer normalisation: running mean activity of each unit on the real images.
            Arrays.fill(colMean, 0, w, 0f);
            for (int i = 0; i < batchSize; i++) FFMath.addRow(sd, i * w, colMean, w);
            float[] m = optimiser.peerMean[l];
            double decay = config.peerDecay(), meanOfMeans = 0;
            for (int j = 0; j < w; j++) {
                m[j] = (float) (decay * m[j] + (1 - decay) * (colMean[j] / batchSize));
                meanOfMeans += m[j];
            }
            meanOfMeans /= w;
            float lambda = usePos ? (float) config.peerLambda() : 0f;
            for (int j = 0; j < w; j++) peerTerm[j] = posScale * lambda * (float) (meanOfMeans - m[j]);
        }

        for (int i = 0; i < batchSize; i++) {
            float gPos = gl[i], gNeg = gl[batchSize + i];
            double pPos = FFMath.logistic((gPos - theta) / temp), pNeg = FFMath.logistic((gNeg - theta) / temp);
            tally.goodPos[l] += gPos;
            tally.goodNeg[l] += gNeg;
            if (gNeg > gPos) tally.pairwise[l]++;
            tally.countGoodness(l, gPos, gNeg);
            if (pPos > 0.5) tally.posCorrect[l]++;
            if (pNeg < 0.5) tally.negCorrect[l]++;
            coefPos[i] = usePos ? (float) (1 - pPos) * posScale : 0f;
            coefNeg[i] = useNeg ? (float) -pNeg : 0f;
        }
        if (!Double.isFinite(tally.goodPos[l]) || !Double.isFinite(tally.goodNeg[l]))
            diverged("layer " + (l + 1) + " goodness is not finite");
        if (readoutOnly) return;

        // δ rows: real images then hybrids, in the order of the layer's input rows.
        gradDelta.reshape(2 * batchSize, w);
        float[] gd = gradDelta.data;
        Arrays.fill(db, 0, w, 0f);
        for (int i = 0; i < batchSize; i++) {
            float a = coefPos[i];
            int o = i * w;
            for (int j = 0; j < w; j++) {
                float v = a * sd[o + j] + peerTerm[j];
                gd[o + j] = v;
                db[j] += v;
            }
        }
        for (int i = 0; i < batchSize; i++) {
            float a = coefNeg[i];
            int o = (batchSize + i) * w;
            for (int j = 0; j < w; j++) {
                float v = a * sd[o + j];
                gd[o + j] = v;
                db[j] += v;
            }
        }
        float mu = (float) config.momentum(), alpha = (float) ((1 - config.momentum()) / batchSize);
        FMatrixRMaj layerInput = l == 0 ? input : n[l - 1];
        if (layerInput.numCols != in) throw new IllegalStateException("layer " + (l + 1) + " input has " + layerInput.numCols + " columns, expected " + in);
        backend.multTransAAddResident(alpha, layerInput, gradDelta, mu, optimiser.weightMomentum[l], versionBase + momentumVersion);

        float step = (float) (gain * config.learningRate()), wc = (float) config.weightCost();
        long version = versionBase + weightVersion[l];
        backend.momentumStepInPlace(net.weights[l], version, version + 1, optimiser.weightMomentum[l], versionBase + momentumVersion, step, wc);
        float[] bd = net.biases[l], bm = optimiser.biasMomentum[l];
        for (int j = 0; j < w; j++) {
            bm[j] = mu * bm[j] + alpha * db[j];
            bd[j] += step * bm[j];
        }
        weightVersion[l]++;
        checkWeightsFinite(l);
    }

    /** Ŝ ← μŜ + (1−μ)·n_lᵀ(Y − q)/B;  S ← S + gain·ε_S·(Ŝ − wc_S·S), on the real rows of each layer with a readout. */
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
            backend.multTransAAdd(alpha, realRows[l], yMinusQ, mu, optimiser.readoutMomentum[l], versionBase + momentumVersion);
            FMatrixRMaj r = net.readout[l];
            FFMath.momentumStepInPlace(r.data, optimiser.readoutMomentum[l].data, r.getNumElements(), step, wc);
        }
    }

    // ------------------------------------------------------------------------------------------
    // End of epoch, evaluation.

    @Override
    public EpochMetrics finishEpoch() {
        checkEpochComplete();
        boolean readoutOnly = inReadoutPhase();
        double gain = scheduledGain();
        long evalStart = System.nanoTime();
        boolean evaluate = readoutOnly || (config.evalEvery() > 0 && (epoch + 1) % config.evalEvery() == 0);
        UnsupervisedEvaluation.ValidErrors v = evaluate ? evaluation.validErrors() : null;
        List<Double> rms = null, suprms = null;
        if (evaluate) {
            rms = new ArrayList<>();
            suprms = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                rms.add(net.weightRms(l));
                if (net.hasReadout(l)) suprms.add(net.readoutRms(l));
            }
        }
        double evalSeconds = evaluate ? (System.nanoTime() - evalStart) / 1e9 : 0;
        List<Double> ratio = new ArrayList<>();
        double step = gain * rateScale * config.learningRate();
        for (int l = 0; l < layers; l++) ratio.add(readoutOnly ? 0.0 : optimiser.updateRatio(l, net, backend, step, config.weightCost()));
        EpochMetrics m = new EpochMetrics(epoch, gain, tally.cost / batchesPerEpoch, tally.pairwiseErrors(),
                tally.meanGoodnessPos(), tally.meanGoodnessNeg(), tally.layerAccuracy(),
                null, null, v == null ? null : v.errors(), rms, suprms, tally.seconds(), evalSeconds, tally.samplesPerSecond(),
                negatives.mode(), phases, data.train().count(), data.valid().count(),
                null, null, v == null ? null : v.perClass(), List.copyOf(ratio), tally.histograms());
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
        return batchSnapshot(l -> Arrays.copyOfRange(g[l], 0, batchSize), l -> Arrays.copyOfRange(g[l], batchSize, 2 * batchSize),
                l -> config.threshold() * net.width(l));
    }

    @Override
    void layerOneActivity(float[] out) {
        int w = net.width(0);
        float[] sd = s[0].data;
        for (int i = 0; i < batchSize; i++) FFMath.addRow(sd, i * w, out, w);
        for (int j = 0; j < w; j++) out[j] /= batchSize;
    }

    @Override
    public TrainingState state() {
        return state(optimiser.buffers(backend), new HashMap<>());
    }
}
