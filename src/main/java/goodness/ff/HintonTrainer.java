package goodness.ff;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.backend.MatrixBackend;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recipe A, Hinton's supervised Forward-Forward, exactly as {@code FF-RECIPE.md} states it. One
 * call of {@link #trainBatch()} is one batch of the recipe, in the recipe's order, with every
 * pass using the weights as they were at the start of the batch:
 * <ol>
 *   <li>positive pass (true label) and 2. neutral pass (label pixels 0.1), stacked into one
 *       forward pass; the neutral pass gives the softmax logits and trainlogcost;</li>
 *   <li value="3">negative data from the current {@link NegativeStrategy} (hard: the model's own
 *       belief over the wrong labels, from the logits of step 2);</li>
 *   <li>negative pass; PairwiseErrs;</li>
 *   <li>per layer: positive deltas with peer normalisation, negative deltas, one product for
 *       dW+ + dW−, momentum, weight cost and the update; then the softmax readout update.</li>
 * </ol>
 * All buffers are allocated once in the constructor; a batch allocates nothing.
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
    // Optimiser state.
    private final FMatrixRMaj[] weightMomentum;
    private final float[][] biasMomentum;
    private final FMatrixRMaj[] readoutMomentum;
    private final float[][] peerMean;
    /** Bumped after every write to W_l, so the backend may keep W_l resident between products. */
    private final long[] weightVersion;
    private long versionBase;

    // Batch buffers. Stacked pass: rows [0, B) neutral, rows [B, 2B) positive.
    private final FMatrixRMaj stackIn, negIn;
    private final FMatrixRMaj[] stackS, stackN, negS, negN, neutralView;
    private final float[][] stackG, negG;
    private final float[] sumSq;
    private final FMatrixRMaj gradIn, gradDelta, dW;
    private final float[] db;
    private final FMatrixRMaj logits, logitsPart, yMinusQ, dS;
    private final float[] q;
    private final float[] colMean, peerTerm;

    private final GoodnessScorer scorer;
    private final GoodnessScorer.Scores scores;

    /** A new run: network initialised from {@code config.seed()}. */
    public HintonTrainer(FFConfig config, DataSplits data, MatrixBackend backend) {
        this(config, data, backend, null);
    }

    private HintonTrainer(FFConfig config, DataSplits data, MatrixBackend backend, TrainingState resume) {
        super(config, data, backend, resume, Preset.HINTON, "recipe A");
        weightMomentum = new FMatrixRMaj[layers];
        biasMomentum = new float[layers][];
        readoutMomentum = new FMatrixRMaj[layers];
        peerMean = new float[layers][];
        weightVersion = new long[layers];
        stackS = new FMatrixRMaj[layers];
        stackN = new FMatrixRMaj[layers];
        negS = new FMatrixRMaj[layers];
        negN = new FMatrixRMaj[layers];
        neutralView = new FMatrixRMaj[layers];
        stackG = new float[layers][2 * batchSize];
        negG = new float[layers][batchSize];
        int maxIn = DIM, maxW = 0, maxInOut = 0, in = DIM;
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            weightMomentum[l] = new FMatrixRMaj(in, w);
            biasMomentum[l] = new float[w];
            if (net.hasReadout(l)) readoutMomentum[l] = new FMatrixRMaj(w, L);
            peerMean[l] = new float[w];
            java.util.Arrays.fill(peerMean[l], 0.5f);
            stackS[l] = new FMatrixRMaj(2 * batchSize, w);
            stackN[l] = new FMatrixRMaj(2 * batchSize, w);
            negS[l] = new FMatrixRMaj(batchSize, w);
            negN[l] = new FMatrixRMaj(batchSize, w);
            // The neutral rows come first in the stack, so they are a prefix view of its data.
            neutralView[l] = FMatrixRMaj.wrap(batchSize, w, stackN[l].data);
            maxIn = Math.max(maxIn, in);
            maxW = Math.max(maxW, w);
            maxInOut = Math.max(maxInOut, in * w);
            in = w;
        }
        stackIn = new FMatrixRMaj(2 * batchSize, DIM);
        negIn = new FMatrixRMaj(batchSize, DIM);
        sumSq = new float[2 * batchSize];
        gradIn = new FMatrixRMaj(2 * batchSize, maxIn);
        gradDelta = new FMatrixRMaj(2 * batchSize, maxW);
        dW = new FMatrixRMaj(maxIn, maxW);
        db = new float[maxW];
        colMean = new float[maxW];
        peerTerm = new float[maxW];
        logits = new FMatrixRMaj(batchSize, L);
        logitsPart = new FMatrixRMaj(batchSize, L);
        yMinusQ = new FMatrixRMaj(batchSize, L);
        dS = new FMatrixRMaj(maxW, L);
        q = new float[batchSize * L];
        scorer = new GoodnessScorer(net, backend, 250);
        scores = new GoodnessScorer.Scores(Math.max(data.train().count(), Math.max(data.valid().count(), data.test().count())), layers);
        versionBase = System.identityHashCode(this) * 1_000_000_000L;

        if (resume != null) restore(resume);
    }

    /** Continues a run from a checkpointed state, exactly where it stopped. */
    public static HintonTrainer resume(TrainingState state, DataSplits data, MatrixBackend backend) {
        return new HintonTrainer(state.config(), data, backend, state);
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
        for (int i = 0; i < batchSize; i++) {
            System.arraycopy(negBatch.images, i * DIM, stackIn.data, i * DIM, DIM);
            System.arraycopy(negBatch.images, i * DIM, stackIn.data, (batchSize + i) * DIM, DIM);
            FFMath.embedUniform(stackIn.data, i, DIM, (float) config.neutralLabel());
            FFMath.embedOneHot(stackIn.data, batchSize + i, DIM, negBatch.labels[i], (float) config.labelStrength());
        }
        forward(stackIn, 2 * batchSize, stackS, stackN, stackG);

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
        System.arraycopy(negBatch.negImages, 0, negIn.data, 0, batchSize * DIM);
        for (int i = 0; i < batchSize; i++) FFMath.embedOneHot(negIn.data, i, DIM, negBatch.negLabels[i], (float) config.labelStrength());
        forward(negIn, batchSize, negS, negN, negG);

        // Step 5: per layer, deltas → one gradient product → momentum → update.
        for (int l = 0; l < layers; l++) learnLayer(l, phase, gain);
        updateReadout(gain);

        endBatch(phase, start);
        if (!Double.isFinite(tally.cost)) diverged("the softmax cost is " + tally.cost);
    }

    /**
     * One training forward pass over {@code rows} rows: in is normalised in place; s_l, n_l, G_l
     * written. With dropout (hinton-plus) n_l is dropped out after normalisation, so the layer above
     * and the readout see the dropped units while G_l is the layer's own, undropped goodness.
     */
    private void forward(FMatrixRMaj in, int rows, FMatrixRMaj[] s, FMatrixRMaj[] n, float[][] g) {
        FFMath.rowSumSquares(in, rows, sumSq);
        FFMath.normalizeRows(Preset.HINTON, in, rows, sumSq, in);
        FMatrixRMaj x = in;
        for (int l = 0; l < layers; l++) {
            backend.multCached(x, net.weights[l], versionBase + weightVersion[l], s[l]);
            FFMath.addBiasReluSumSquares(s[l], rows, net.biases[l], g[l]);
            FFMath.normalizeRows(Preset.HINTON, s[l], rows, g[l], n[l]);
            Dropout.applyInPlace(n[l], rows, config.dropout(), rng); // hinton-plus only; 0 = no-op
            x = n[l];
        }
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
     * then dW = [n+; n−]ᵀ [δ+; δ−] in one product, momentum, weight cost and the update.
     */
    private void learnLayer(int l, Phase phase, double gain) {
        int w = net.width(l), in = l == 0 ? DIM : net.width(l - 1);
        double theta = config.threshold() * w, temp = config.temperature();
        float[] sPos = stackS[l].data, sNeg = negS[l].data;
        int posBase = batchSize * w;                   // positive rows start after the neutral rows
        float[] gPos = stackG[l], gNeg = negG[l];

        // Peer normalisation: running mean activity of each unit on positive data.
        java.util.Arrays.fill(colMean, 0, w, 0f);
        for (int i = 0; i < batchSize; i++) {
            int o = posBase + i * w;
            for (int j = 0; j < w; j++) colMean[j] += sPos[o + j];
        }
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
        for (int j = 0; j < w; j++) peerTerm[j] = posScale * lambda * (float) (meanOfMeans - m[j]);
        int rows = 0;
        gradIn.reshape(2 * batchSize, in);
        gradDelta.reshape(2 * batchSize, w);
        float[] gi = gradIn.data, gd = gradDelta.data;
        float[] posInput = l == 0 ? stackIn.data : stackN[l - 1].data;
        float[] negInput = l == 0 ? negIn.data : negN[l - 1].data;

        for (int i = 0; i < batchSize; i++) {
            double pPos = FFMath.logistic((gPos[batchSize + i] - theta) / temp);
            double pNeg = FFMath.logistic((gNeg[i] - theta) / temp);
            tally.goodPos[l] += gPos[batchSize + i];
            tally.goodNeg[l] += gNeg[i];
            if (gNeg[i] > gPos[batchSize + i]) tally.pairwise[l]++;
            tally.countGoodness(l, gPos[batchSize + i], gNeg[i]);
            if (pPos > 0.5) tally.posCorrect[l]++;
            if (pNeg < 0.5) tally.negCorrect[l]++;
            if (usePos) {
                // δ+ = (1 − p+)·s + λ(mean(m) − m_j): the peer term is not gated by the ReLU.
                float a = (float) (1 - pPos) * posScale;
                int src = posBase + i * w, dst = rows * w;
                for (int j = 0; j < w; j++) gd[dst + j] = a * sPos[src + j] + peerTerm[j];
                System.arraycopy(posInput, (batchSize + i) * in, gi, rows * in, in);
                rows++;
            }
        }
        if (useNeg) {
            for (int i = 0; i < batchSize; i++) {
                double pNeg = FFMath.logistic((gNeg[i] - theta) / temp);
                float a = (float) -pNeg;                  // δ− = −p−·s
                int src = i * w, dst = rows * w;
                for (int j = 0; j < w; j++) gd[dst + j] = a * sNeg[src + j];
                System.arraycopy(negInput, i * in, gi, rows * in, in);
                rows++;
            }
        }
        if (!Double.isFinite(tally.goodPos[l]) || !Double.isFinite(tally.goodNeg[l]))
            diverged("layer " + (l + 1) + " goodness is not finite");

        gradIn.reshape(rows, in);
        gradDelta.reshape(rows, w);
        dW.reshape(in, w);
        backend.multTransA(gradIn, gradDelta, dW);
        java.util.Arrays.fill(db, 0, w, 0f);
        for (int r = 0; r < rows; r++) for (int j = 0; j < w; j++) db[j] += gd[r * w + j];

        // Ŵ ← μŴ + (1−μ)·dW/B;  W ← W + gain·ε·(Ŵ − wc·W). Fused, with the divergence check.
        float mu = (float) config.momentum(), oneMinusMu = (float) ((1 - config.momentum()) / batchSize);
        float step = (float) (gain * config.learningRate()), wc = (float) config.weightCost();
        float[] wd = net.weights[l].data, md = weightMomentum[l].data, dd = dW.data;
        for (int k = 0, n = in * w; k < n; k++) {
            float mom = mu * md[k] + oneMinusMu * dd[k];
            md[k] = mom;
            wd[k] += step * (mom - wc * wd[k]);
        }
        float[] bd = net.biases[l], bm = biasMomentum[l];
        for (int j = 0; j < w; j++) {
            bm[j] = mu * bm[j] + oneMinusMu * db[j];
            bd[j] += step * bm[j];
        }
        weightVersion[l]++;
        checkWeightsFinite(l);
    }

    /** Ŝ ← μŜ + (1−μ)·n_lᵀ(Y − q)/B;  S ← S + gain·ε_S·(Ŝ − wc_S·S), for every layer with a readout. */
    private void updateReadout(double gain) {
        float[] yq = yMinusQ.data;
        for (int i = 0; i < batchSize; i++) {
            for (int c = 0; c < L; c++) yq[i * L + c] = -q[i * L + c];
            yq[i * L + negBatch.labels[i]] += 1f;
        }
        float mu = (float) config.momentum(), oneMinusMu = (float) ((1 - config.momentum()) / batchSize);
        float step = (float) (gain * config.softmaxLearningRate()), wc = (float) config.softmaxWeightCost();
        for (int l = 0; l < layers; l++) {
            if (!net.hasReadout(l)) continue;
            dS.reshape(net.width(l), L);
            backend.multTransA(neutralView[l], yMinusQ, dS);
            float[] sd = net.readout[l].data, md = readoutMomentum[l].data, dd = dS.data;
            for (int k = 0; k < sd.length; k++) {
                float mom = mu * md[k] + oneMinusMu * dd[k];
                md[k] = mom;
                sd[k] += step * (mom - wc * sd[k]);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // End of epoch, evaluation.

    @Override
    public EpochMetrics finishEpoch() {
        checkEpochComplete();
        double gain = GainSchedule.gain(epoch, config.epochs());
        Integer eTrain = null, eValid = null, sValid = null;
        List<Integer> trainPerLayer = null, validPerLayer = null, validPerClass = null;
        List<Double> rms = null, suprms = null;
        long evalStart = System.nanoTime();
        boolean evaluate = config.evalEvery() > 0 && (epoch + 1) % config.evalEvery() == 0;
        if (evaluate) {
            EnergyErrors t = errors(data.train(), null, false);   // the recipe prints energy errors only on train
            eTrain = t.energy();
            trainPerLayer = t.perLayer();
            if (data.valid().count() > 0) {
                EnergyErrors v = errors(data.valid(), null, true);
                eValid = v.energy();
                sValid = v.softmax();
                validPerLayer = v.perLayer();
                validPerClass = v.perClass();
            }
            rms = new ArrayList<>();
            suprms = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                rms.add(net.weightRms(l));
                if (net.hasReadout(l)) suprms.add(net.readoutRms(l));
            }
        }
        double evalSeconds = evaluate ? (System.nanoTime() - evalStart) / 1e9 : 0;
        List<Double> ratio = new ArrayList<>();
        for (int l = 0; l < layers; l++) ratio.add(updateRatio(l));
        EpochMetrics m = new EpochMetrics(epoch, gain, tally.cost / batchesPerEpoch, tally.pairwiseErrors(),
                tally.meanGoodnessPos(), tally.meanGoodnessNeg(), tally.layerAccuracy(),
                eTrain, eValid, sValid, rms, suprms, tally.seconds(), evalSeconds, tally.samplesPerSecond(),
                negatives.mode(), phases, data.train().count(), data.valid().count(),
                trainPerLayer, validPerLayer, validPerClass, List.copyOf(ratio), tally.histograms());
        advanceEpoch();
        return m;
    }

    /**
     * rms(ΔW_l) / rms(W_l) of the last update of W_l, from the optimiser state at epoch end (the
     * hot loop is not touched). The update was W ← W_old + step·(Ŵ − wc·W_old) with Ŵ the
     * momentum now held and step = gain·ε of the last batch (the gain schedule and live rate
     * scale are fixed within an epoch), so W_old = (W − step·Ŵ) / (1 − step·wc) and
     * ΔW = step·(Ŵ − wc·W_old), computed in double.
     */
    private double updateRatio(int l) {
        double step = GainSchedule.gain(epoch, config.epochs()) * rateScale * config.learningRate(), wc = config.weightCost();
        float[] wd = net.weights[l].data, md = weightMomentum[l].data;
        double dSq = 0, wSq = 0;
        for (int k = 0, n = net.weights[l].getNumElements(); k < n; k++) {
            double wOld = (wd[k] - step * md[k]) / (1 - step * wc);
            double d = step * (md[k] - wc * wOld);
            dSq += d * d;
            wSq += (double) wd[k] * wd[k];
        }
        return wSq > 0 ? Math.sqrt(dSq / wSq) : Double.NaN;
    }

    /** Energy (and with {@code withSoftmax} softmax) errors on a set, per layer and per class; fills {@code confusion[true][predicted]} if given. */
    private EnergyErrors errors(LabeledImages set, int[][] confusion, boolean withSoftmax) {
        scorer.score(set.pixels(), 0, set.count(), scores, withSoftmax);
        return EnergyErrors.count(scores, set.labels(), set.count(), layers, withSoftmax, confusion);
    }

    @Override
    public TestResult evaluateTest() {
        EnergyErrors tr = errors(data.train(), null, true);
        int[][] confusion = new int[L][L];
        EnergyErrors te = errors(data.test(), confusion, true);
        return new TestResult(tr.energy(), te.energy(), tr.softmax(), te.softmax(), data.train().count(), data.test().count(), confusion);
    }



    // ------------------------------------------------------------------------------------------
    // Live view, settings, state.

    @Override
    public BatchSnapshot batchSnapshot() {
        List<float[]> pos = new ArrayList<>(), neg = new ArrayList<>();
        List<Double> thr = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            pos.add(java.util.Arrays.copyOfRange(stackG[l], batchSize, 2 * batchSize));
            neg.add(negG[l].clone());
            thr.add(config.threshold() * net.width(l));
        }
        return batchSnapshot(pos, neg, thr);
    }

    /** The last batch's negative-pass input as the network received it (label embedded, normalised); tests only. */
    float[] negativePassInput() {
        return negIn.data;
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
        Map<String, float[]> buffers = new HashMap<>();
        for (int l = 0; l < layers; l++) {
            buffers.put("weightMomentum" + l, weightMomentum[l].data);
            buffers.put("biasMomentum" + l, biasMomentum[l]);
            buffers.put("peerMean" + l, peerMean[l]);
            if (readoutMomentum[l] != null) buffers.put("readoutMomentum" + l, readoutMomentum[l].data);
        }
        return state(buffers, new HashMap<>());
    }

    /** The buffers {@link #state()} writes for {@code config}, name → length (checkpoint validation). */
    static Map<String, Integer> checkpointBuffers(FFConfig config) {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        int in = DIM;
        for (int l = 0; l < config.layerCount(); l++) {
            int w = config.width(l);
            sizes.put("weightMomentum" + l, in * w);
            sizes.put("biasMomentum" + l, w);
            sizes.put("peerMean" + l, w);
            if (l >= 1) sizes.put("readoutMomentum" + l, w * L);
            in = w;
        }
        return sizes;
    }

    private void restore(TrainingState s) {
        restoreCursor(s);
        for (int l = 0; l < layers; l++) {
            copyInto(s, "weightMomentum" + l, weightMomentum[l].data);
            copyInto(s, "biasMomentum" + l, biasMomentum[l]);
            copyInto(s, "peerMean" + l, peerMean[l]);
            if (readoutMomentum[l] != null) copyInto(s, "readoutMomentum" + l, readoutMomentum[l].data);
        }
    }
}
