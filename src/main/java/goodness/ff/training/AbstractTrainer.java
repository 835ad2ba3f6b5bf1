package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.InvalidConfigException;
import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.Recipe;
import goodness.ff.SeededRandom;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.negatives.NegativeBatch;
import goodness.ff.negatives.NegativeStrategy;
import goodness.ff.negatives.NegativesSample;
import goodness.ff.scoring.TestResult;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * What both recipes' trainers share: the run cursor (epoch, batch, batch counter, the order of
 * the training images and the seeded generator that shuffles them), the live settings, the
 * epoch's running sums, loading a batch, and the cursor's part of a checkpoint. The recipes
 * themselves live in the subclasses.
 */
abstract class AbstractTrainer implements Trainer {
    static final int L = FFConfig.LABELS, DIM = FFConfig.IMAGE_PIXELS;

    final FFConfig config;
    final DataSplits data;
    final MatrixBackend backend;
    final FFNetwork net;
    final int layers, batchSize, batchesPerEpoch;

    // Run cursor.
    final SeededRandom rng;
    final int[] order;
    int epoch, batch;
    long batchCounter;

    // Live settings.
    NegativeStrategy negatives;
    PhaseSchedule phases;
    double rateScale = 1.0;

    /** The batch in progress: its images and labels, and the negatives made for it. */
    final NegativeBatch negBatch;
    /** Running sums of the epoch in progress. */
    final EpochTally tally;
    Phase lastPhase = Phase.JOINT;

    /**
     * @param resume a checkpointed state whose network is used (the subclass restores the rest
     *               by calling {@link #restoreCursor} once its buffers exist), or null for a new
     *               run whose network is initialised from {@code config.seed()}
     */
    AbstractTrainer(FFConfig config, DataSplits data, MatrixBackend backend, TrainingState resume, Recipe preset, String recipe) {
        if (config.recipe() != preset) throw new IllegalArgumentException(getClass().getSimpleName() + " runs " + recipe + "; got preset " + config.recipe());
        this.config = config;
        this.data = data;
        this.backend = backend;
        this.layers = config.layerCount();
        this.batchSize = config.batchSize();
        int trainCount = data.train().count();
        if (trainCount < batchSize) throw new InvalidConfigException("batchSize", "the training set has " + trainCount + " images, fewer than one batch of " + batchSize);
        this.batchesPerEpoch = trainCount / batchSize;
        TrainingMemory.requireFits(config, data); // before the first of the run's allocations
        this.rng = new SeededRandom(config.seed());
        this.net = resume != null ? resume.network() : FFNetwork.initialise(config, rng);
        this.order = new int[trainCount];
        for (int i = 0; i < trainCount; i++) order[i] = i;
        this.negatives = NegativeStrategy.of(config.negatives());
        this.phases = config.phases();
        this.negBatch = new NegativeBatch(batchSize);
        double[] threshold = new double[layers];
        for (int l = 0; l < layers; l++) threshold[l] = goodnessThreshold(config, l);
        this.tally = new EpochTally(threshold);
    }

    /** Layer l's goodness threshold in the preset's units (recipe A and the recurrent recipe: θ · width; recipe B: θ). */
    static double goodnessThreshold(FFConfig config, int l) {
        return config.recipe() != Recipe.SLEEP ? config.threshold() * config.width(l) : config.threshold();
    }

    // ------------------------------------------------------------------------------------------
    // Batches and epochs.

    /** The checks at the top of {@link #trainBatch()}; starts the epoch on its first batch. */
    final void beginBatch() {
        if (finished()) throw new IllegalStateException("the run is finished (" + config.totalEpochs() + " epochs)");
        if (batch == batchesPerEpoch) throw new IllegalStateException("epoch " + epoch + " is complete; call finishEpoch()");
        if (batch == 0) {
            tally.reset();
            if (config.shuffle()) rng.shuffle(order);
        }
    }

    /**
     * Copies batch {@code b}'s images and labels (in the epoch's order) into {@link #negBatch};
     * with {@code shiftPixels} > 0 each image is moved by a random (dx, dy) drawn from the run's
     * generator (before any label is embedded, so every pass of a case sees the same shifted image);
     * with {@code rotateDegrees} or {@code scaleRange} > 0 it is also rotated and scaled by random
     * amounts drawn after the shift ({@link InputAffine}). A run without them draws exactly what it
     * drew before they existed, so its recorded command still makes the same run.
     */
    final void loadBatch(int b) {
        LabeledImages train = data.train();
        float[] px = train.pixels();
        int[] lab = train.labels();
        int shift = config.shiftPixels();
        boolean affine = config.affineAugmentation();
        double rotate = config.rotateDegrees(), scaleRange = config.scaleRange();
        for (int i = 0; i < batchSize; i++) {
            int idx = order[b * batchSize + i];
            if (affine) {
                int dx = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift, dy = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift;
                double degrees = rotate == 0 ? 0 : rotate * (2 * rng.nextDouble() - 1);
                double scale = scaleRange == 0 ? 1 : 1 + scaleRange * (2 * rng.nextDouble() - 1);
                InputAffine.transformInto(px, idx * DIM, dx, dy, degrees, scale, negBatch.images, i * DIM);
            } else if (shift == 0) {
                System.arraycopy(px, idx * DIM, negBatch.images, i * DIM, DIM);
            } else {
                int dx = rng.nextInt(2 * shift + 1) - shift, dy = rng.nextInt(2 * shift + 1) - shift;
                InputShift.shiftInto(px, idx * DIM, dx, dy, negBatch.images, i * DIM);
            }
            negBatch.labels[i] = lab[idx];
        }
    }

    /** The bookkeeping at the end of {@link #trainBatch()}. */
    final void endBatch(Phase phase, long startNanos) {
        detailsOfBatch = negBatch.detailRows > 0 ? negatives.mode() : null;
        batch++;
        batchCounter++;
        lastPhase = phase;
        lastBatchTrainedHere = true;
        tally.cases += batchSize;
        tally.nanos += System.nanoTime() - startNanos;
    }

    /** The checks at the top of {@link #finishEpoch()}. */
    final void checkEpochComplete() {
        if (batch != batchesPerEpoch) throw new IllegalStateException("epoch " + epoch + " has " + (batchesPerEpoch - batch) + " batches left");
        if (!net.allFinite()) diverged("a parameter is NaN or infinite");
    }

    /** Moves the cursor to the next epoch (the last step of {@link #finishEpoch()}). */
    final void advanceEpoch() {
        epoch++;
        batch = 0;
    }

    /** Batches between scans of the weights for NaN/Inf (the goodness is checked every batch). */
    private static final int FINITE_CHECK_EVERY = 25;

    /**
     * The divergence guard for layer {@code l}'s weights, called after their update: every
     * {@value #FINITE_CHECK_EVERY} batches it scans them (not inside the update loop, where a
     * running check would stop the JIT from vectorising it).
     */
    final void checkWeightsFinite(int l) {
        FMatrixRMaj w = net.weights[l];
        if ((batchCounter + 1) % FINITE_CHECK_EVERY == 0 && !FFMath.allFinite(w.data, w.getNumElements()))
            diverged("layer " + (l + 1) + " weights became NaN or infinite");
    }

    final void diverged(String what) {
        throw new TrainingDivergedException("training diverged at epoch " + epoch + ", batch " + batch + ": " + what
                + " (try a smaller learning rate; the last checkpoint written before this point is intact)");
    }

    /**
     * The live view of the batch in progress, with the last batch's goodness per layer: for each
     * layer a copy of the positive and the negative cases' goodness, and the layer's threshold.
     */
    final BatchSnapshot batchSnapshot(IntFunction<float[]> pos, IntFunction<float[]> neg, IntToDoubleFunction threshold) {
        List<float[]> p = new ArrayList<>(layers), n = new ArrayList<>(layers);
        List<Double> t = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            p.add(pos.apply(l));
            n.add(neg.apply(l));
            t.add(threshold.applyAsDouble(l));
        }
        return batchSnapshot(p, n, t);
    }

    private BatchSnapshot batchSnapshot(List<float[]> pos, List<float[]> neg, List<Double> threshold) {
        return new BatchSnapshot(epoch, batch, batchesPerEpoch, batch == 0 ? 0 : tally.cost / batch,
                tally.pairwiseErrors(), tally.meanGoodnessPos(), tally.meanGoodnessNeg(), pos, neg, threshold,
                lastPhase, negatives.mode(), tally.samplesPerSecond());
    }

    // ------------------------------------------------------------------------------------------
    // Inside view.

    /** The negative mode that made the last batch's recorded details, or null if it recorded none. */
    private NegativeMode detailsOfBatch;

    @Override
    public void setNegativeDetails(boolean on) {
        negBatch.detailRows = on ? Math.min(NegativeBatch.DETAIL_CAPACITY, batchSize) : 0;
    }

    @Override
    public NegativesSample negativesSample() {
        if (detailsOfBatch == null) return null;
        int shownBatch = batch == 0 ? batchesPerEpoch - 1 : batch - 1;
        int shownEpoch = batch == 0 ? epoch - 1 : epoch;
        return NegativesSample.of(negBatch, detailsOfBatch, shownEpoch, shownBatch);
    }

    @Override
    public ReceptiveFields receptiveFields(int[] units, int count) {
        int width = net.width(0);
        float[] activity = new float[width];
        if (lastBatchTrainedHere) layerOneActivity(activity);   // else (just resumed) no batch is in the buffers: activity 0
        boolean mostActive = units == null;
        int[] chosen = mostActive ? ReceptiveFields.mostActive(activity, count) : units;
        return ReceptiveFields.of(epoch, batch, mostActive, chosen, net.weights[0].data, width, activity);
    }

    /** This instance has trained a batch, so its buffers hold the last one (false right after a resume). */
    private boolean lastBatchTrainedHere;

    /** Adds each layer-1 unit's mean activity on the last batch's positive cases to {@code out} (width entries). */
    abstract void layerOneActivity(float[] out);

    /** The recipe's scoring of the test set. */
    abstract TestSetEvaluation testSet();

    @Override
    public final int testErrors() {
        return testSet().testErrors();
    }

    @Override
    public final TestResult evaluateTest() {
        return testSet().evaluateTest();
    }

    // ------------------------------------------------------------------------------------------
    // Accessors and live settings.

    @Override public FFConfig config() { return config; }
    @Override public DataSplits data() { return data; }
    @Override public int epoch() { return epoch; }
    @Override public int batchesPerEpoch() { return batchesPerEpoch; }
    @Override public int batchInEpoch() { return batch; }
    @Override public long batchCounter() { return batchCounter; }
    @Override public boolean finished() { return epoch >= config.totalEpochs(); }
    @Override public FFNetwork network() { return net; }

    /**
     * A mode the run's config could not have been made with (mask hybrids for the recurrent net,
     * labelled negatives for the unsupervised one) is refused with the config's own message.
     */
    @Override public void setNegativeMode(NegativeMode mode) {
        if (mode == negatives.mode()) return;
        config.toBuilder().negatives(mode).build();   // throws InvalidConfigException naming "negatives"
        negatives = NegativeStrategy.of(mode);
    }

    @Override public NegativeMode negativeMode() { return negatives.mode(); }
    @Override public void setPhases(PhaseSchedule p) { phases = p; }
    @Override public PhaseSchedule phases() { return phases; }

    @Override public void setRateScale(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) throw new InvalidConfigException("rateScale", "must be a finite value > 0, got " + scale);
        rateScale = scale;
    }

    @Override public double rateScale() { return rateScale; }

    // ------------------------------------------------------------------------------------------
    // Checkpoint state.

    /** A checkpoint of the run: the cursor and the epoch's sums, plus the subclass's optimiser buffers. */
    final TrainingState state(Map<String, float[]> buffers, Map<String, double[]> accumulators) {
        tally.saveTo(accumulators);
        return new TrainingState(config, net, epoch, batch, batchCounter, order, rng.state(), negatives.mode(), phases,
                rateScale, buffers, accumulators);
    }

    /** Restores the cursor, the live settings and the epoch's sums of a checkpoint (not the optimiser buffers). */
    final void restoreCursor(TrainingState s) {
        epoch = s.epoch();
        batch = s.batchInEpoch();
        batchCounter = s.batchCounter();
        if (s.order().length != order.length) throw new IllegalArgumentException("checkpoint was made with " + s.order().length + " training images, this data set has " + order.length);
        System.arraycopy(s.order(), 0, order, 0, order.length);
        rng.restore(s.rngState());
        negatives = NegativeStrategy.of(s.negatives());
        phases = s.phases();
        rateScale = s.rateScale();
        tally.restoreFrom(s.accumulators());
    }

    /** Copies a named checkpoint buffer into {@code dst} (modified), checking that it exists and fits. */
    static void copyInto(TrainingState s, String name, float[] dst) {
        float[] src = s.buffers().get(name);
        if (src == null || src.length != dst.length) throw new IllegalArgumentException("checkpoint buffer '" + name + "' is missing or has the wrong size");
        System.arraycopy(src, 0, dst, 0, dst.length);
    }

    @Override
    public void close() {
        backend.clearCache();
    }
}
