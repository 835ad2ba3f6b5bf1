package goodness.ff;

import goodness.data.Dataset;
import goodness.data.HeapBudget;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Every hyper-parameter of a run, in one immutable place. A run's results always carry the
 * config that produced them (metrics files, checkpoints), so any figure can be traced back.
 * Invalid values are rejected here, with a message naming the field and the reason, before any
 * work starts.
 *
 * <p>Defaults come from {@link #hinton()} (recipe A, seed 000) and {@link #sleep()} (recipe B,
 * seed 003); see docs/recipes.md.
 *
 * @param recipe              which recipe (network conventions and optimiser)
 * @param presetName          the named preset the config was made from ({@link NamedPreset}: hinton,
 *                            hinton-plus or sleep; its recipe must be {@code recipe}); the Runs
 *                            listing shows it and compares the settings with its defaults. Null
 *                            means the recipe's own name
 * @param dataset             MNIST or Fashion-MNIST
 * @param hiddenSizes         widths of the hidden layers, input side first
 * @param epochs              number of epochs (recipe A's gain schedule depends on it)
 * @param batchSize           cases per batch
 * @param learningRate        A: weight learning rate (0.01); B: Adam step size (0.001)
 * @param softmaxLearningRate A: softmax readout learning rate (0.1); unused by B
 * @param momentum            A: momentum of weights and readout (0.9); unused by B
 * @param weightCost          A: weight decay of the FF weights (0.002; Hinton's code: 0.001)
 * @param softmaxWeightCost   A: weight decay of the readout (0.003)
 * @param peerLambda          A: peer-normalisation strength λ (0.03; 0 reproduces the published log)
 * @param peerDecay           A: decay of the running mean activity used by peer normalisation (0.9)
 * @param threshold           goodness threshold per unit: A uses G - threshold·width on summed
 *                            goodness (1.0, i.e. the layer width), B mean goodness - 1.5
 * @param temperature         logistic temperature T of p = σ((G - θ)/T) (1)
 * @param labelStrength       A: value of the one-hot label pixel for positive/energy passes (1.0)
 * @param neutralLabel        A: value of all ten label pixels in the neutral (softmax) pass (0.1)
 * @param stepsPerBatch       B: Adam steps each layer takes on each batch (K = 50); A: must be 1
 * @param seed                seed of every random draw of the run
 * @param negatives           negative-data mode at the start (may change between batches)
 * @param phases              positive/negative phase separation (may change between batches)
 * @param shuffle             reshuffle the training set every epoch (seeded); A's reference does not
 * @param threads             threads for the matrix products (the element-wise work runs in between)
 * @param backend             matrix-product backend: "openblas" (fast) or "ejml" (reference)
 * @param trainLimit          use only the first N training images (0 = all), for quick runs
 * @param topLayerTerm        A caveat: add an untrained random 10-unit top layer's goodness to the
 *                            energy score, as the published seed-000 run did (off by default)
 * @param evalEvery           evaluate on train/valid every this many epochs (5, as the seed)
 * @param shiftPixels         A (hinton-plus): shift every training image by a random integer
 *                            (dx, dy) in [-s, s]² before its label is embedded, zero fill (0 = off)
 * @param dropout             A (hinton-plus): drop each unit of every hidden layer's normalised
 *                            output with this probability during training, scaling the kept ones
 *                            by 1/(1 − p) (0 = off; never at evaluation)
 * @param dropoutScored       A: the dropout mask also applies to the layer's own states s (scaled
 *                            alike), so its goodness, the logistic's p and the deltas see the
 *                            dropped units too; off = they see the whole layer and only the layer
 *                            above and the readout see the drop (a missing field reads as off)
 * @param rotateDegrees       A: rotate every training image about its centre by a random angle in
 *                            [-d, d] degrees, bilinear, zero fill, before its label is embedded
 *                            (0 = off, in every preset; a missing field reads as off)
 * @param scaleRange          A: scale every training image about its centre by a random factor in
 *                            [1 - r, 1 + r], likewise (0 = off, in every preset)
 * @param unsupervised        A (hinton-unsupervised): no label enters the network; the negatives are
 *                            hybrid images and the softmax readout is the only prediction
 *                            ({@link goodness.ff.training.UnsupervisedTrainer}; a missing field reads as off)
 * @param readoutEpochs       A unsupervised: epochs after the {@code epochs} of FF learning in which only the
 *                            readout learns, on the frozen network (0 = none; a missing field reads as 0)
 * @param recurrentSettings   the recurrent recipe's iterations, damping and scored iterations
 *                            ({@link RecurrentSettings}); required for it, and always null for the
 *                            other recipes (whatever is passed), so their files are unchanged
 */
public record FFConfig(
        // The file format's name for the recipe since its first version: kept, so every stored file reads and models stay byte-stable.
        @SerializedName("preset") Recipe recipe,
        String presetName,
        Dataset dataset,
        List<Integer> hiddenSizes,
        int epochs,
        int batchSize,
        double learningRate,
        double softmaxLearningRate,
        double momentum,
        double weightCost,
        double softmaxWeightCost,
        double peerLambda,
        double peerDecay,
        double threshold,
        double temperature,
        double labelStrength,
        double neutralLabel,
        int stepsPerBatch,
        long seed,
        NegativeMode negatives,
        PhaseSchedule phases,
        boolean shuffle,
        int threads,
        String backend,
        int trainLimit,
        boolean topLayerTerm,
        int evalEvery,
        int shiftPixels,
        double dropout,
        boolean dropoutScored,
        double rotateDegrees,
        double scaleRange,
        boolean unsupervised,
        int readoutEpochs,
        RecurrentSettings recurrentSettings) {

    public static final int IMAGE_PIXELS = 784;
    public static final int LABELS = 10;

    public FFConfig {
        require(recipe != null, "preset", "must be set");
        if (presetName == null) presetName = recipe.id();
        NamedPreset named = NamedPreset.find(presetName);
        require(named != null, "presetName", "must be one of " + NamedPreset.names() + ", got '" + presetName + "'");
        require(named.recipe() == recipe, "presetName", "'" + named.id() + "' is a " + named.recipe().id() + " preset, but the config's recipe is " + recipe.id());
        presetName = named.id();
        require(dataset != null, "dataset", "must be set");
        require(hiddenSizes != null && !hiddenSizes.isEmpty(), "hiddenSizes", "needs at least one hidden layer");
        hiddenSizes = List.copyOf(hiddenSizes);
        for (int h : hiddenSizes) require(h >= 1 && h <= 100_000, "hiddenSizes", "each width must be in 1..100000, got " + h);
        requireArraysFit(hiddenSizes, batchSize);
        if (recipe == Recipe.HINTON) require(hiddenSizes.size() >= 2, "hiddenSizes", "recipe A reads out from layers 2.., so it needs at least 2 hidden layers");
        require(epochs >= 1 && epochs <= 100_000, "epochs", "must be in 1..100000, got " + epochs);
        require(batchSize >= 1 && batchSize <= 60_000, "batchSize", "must be in 1..60000, got " + batchSize);
        requireFinite(learningRate, "learningRate");
        require(learningRate > 0, "learningRate", "must be > 0, got " + learningRate);
        requireFinite(softmaxLearningRate, "softmaxLearningRate");
        require(softmaxLearningRate >= 0, "softmaxLearningRate", "must be >= 0, got " + softmaxLearningRate);
        require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
        require(weightCost >= 0 && weightCost < 1, "weightCost", "must be in [0, 1), got " + weightCost);
        require(softmaxWeightCost >= 0 && softmaxWeightCost < 1, "softmaxWeightCost", "must be in [0, 1), got " + softmaxWeightCost);
        require(peerLambda >= 0 && peerLambda <= 10, "peerLambda", "must be in [0, 10], got " + peerLambda);
        require(peerDecay >= 0 && peerDecay < 1, "peerDecay", "must be in [0, 1), got " + peerDecay);
        requireFinite(threshold, "threshold");
        require(threshold >= 0, "threshold", "must be >= 0, got " + threshold);
        require(temperature > 0 && Double.isFinite(temperature), "temperature", "must be a finite value > 0, got " + temperature);
        require(labelStrength > 0 && Double.isFinite(labelStrength), "labelStrength", "must be a finite value > 0, got " + labelStrength);
        require(neutralLabel >= 0 && Double.isFinite(neutralLabel), "neutralLabel", "must be a finite value >= 0, got " + neutralLabel);
        require(stepsPerBatch >= 1 && stepsPerBatch <= 10_000, "stepsPerBatch", "must be in 1..10000, got " + stepsPerBatch);
        if (recipe != Recipe.SLEEP) require(stepsPerBatch == 1, "stepsPerBatch", "recipe A takes one step per batch; K steps belong to recipe B");
        require(negatives != null, "negatives", "must be set");
        require(phases != null, "phases", "must be set");
        require(threads >= 1 && threads <= 256, "threads", "must be in 1..256, got " + threads);
        require(backend != null && (backend.equals("openblas") || backend.equals("ejml")), "backend", "must be openblas or ejml, got " + backend);
        require(trainLimit >= 0, "trainLimit", "must be >= 0 (0 = all), got " + trainLimit);
        require(trainLimit == 0 || trainLimit >= batchSize, "trainLimit", "must hold at least one batch (" + batchSize + " images), got " + trainLimit);
        require(evalEvery >= 0, "evalEvery", "must be >= 0 (0 = only at the end), got " + evalEvery);
        require(shiftPixels >= 0 && shiftPixels <= MAX_SHIFT, "shiftPixels", "must be in 0.." + MAX_SHIFT + ", got " + shiftPixels);
        require(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1), got " + dropout);
        require(rotateDegrees >= 0 && rotateDegrees <= MAX_ROTATE_DEGREES, "rotateDegrees", "must be in 0.." + (int) MAX_ROTATE_DEGREES + " degrees, got " + rotateDegrees);
        require(scaleRange >= 0 && scaleRange <= MAX_SCALE_RANGE, "scaleRange", "must be in [0, " + MAX_SCALE_RANGE + "], got " + scaleRange);
        if (recipe != Recipe.HINTON) {
            require(rotateDegrees == 0, "rotateDegrees", "input rotations are implemented for recipe A only");
            require(scaleRange == 0, "scaleRange", "input scaling is implemented for recipe A only");
            require(shiftPixels == 0, "shiftPixels", "input shifts are implemented for recipe A only");
            require(dropout == 0, "dropout", "dropout is implemented for recipe A only");
            require(!dropoutScored, "dropoutScored", "dropout is implemented for recipe A only");
        }
        require(readoutEpochs >= 0 && readoutEpochs <= 100_000, "readoutEpochs", "must be in 0..100000, got " + readoutEpochs);
        if (unsupervised) {
            require(recipe == Recipe.HINTON, "unsupervised", "unsupervised learning is implemented for recipe A only");
            require(negatives == NegativeMode.MASK, "negatives", "an unsupervised network has no labels to make wrong; its negatives are mask hybrids, got " + negatives.id());
            require(dropout == 0 && !dropoutScored, "dropout", "dropout is not implemented for unsupervised learning");
            require(!topLayerTerm, "topLayerTerm", "the top-layer caveat belongs to the labelled energy score, which an unsupervised network does not have");
        } else {
            require(readoutEpochs == 0, "readoutEpochs", "a readout-only phase belongs to unsupervised learning (the supervised readout learns alongside)");
        }
        if (recipe == Recipe.RECURRENT) {
            require(recurrentSettings != null, "recurrentSettings", "the recurrent recipe needs its settings (iterations, damping, scoreFrom, scoreTo)");
            recurrentSettings.validate();
            long widest = hiddenSizes.stream().mapToLong(Integer::longValue).max().orElse(1);
            long history = 2L * recurrentSettings.iterations() * batchSize * widest;
            require(history <= HeapBudget.MAX_ARRAY, "hiddenSizes", "the recurrent recipe keeps " + recurrentSettings.iterations() + " iterations x 2 runs x batch "
                    + batchSize + " x width " + widest + " = " + history + " activities of a layer in one array, more than one Java array holds (" + HeapBudget.MAX_ARRAY + ")");
            require(negatives != NegativeMode.MASK, "negatives", "the recurrent recipe takes hard or random wrong labels, not mask hybrids");
            require(!topLayerTerm, "topLayerTerm", "is a recipe-A caveat; the recurrent recipe has no untrained top layer");
        } else {
            recurrentSettings = null;
        }
    }

    /** The largest input shift: beyond a few pixels an MNIST digit starts to leave its 28×28 frame. */
    public static final int MAX_SHIFT = 4;
    /** The largest random rotation, far past the ±10-15° usual for digits: larger turns start to change a digit's shape class (a tilted 1 reads as a 7's stroke). */
    public static final double MAX_ROTATE_DEGREES = 45;
    /** The largest random scaling range, ±50 %. */
    public static final double MAX_SCALE_RANGE = 0.5;

    /** Whether training images get a random rotation or scaling ({@link goodness.ff.training.InputAffine}). */
    public boolean affineAugmentation() {
        return rotateDegrees > 0 || scaleRange > 0;
    }

    private static void require(boolean ok, String field, String why) {
        if (!ok) throw new InvalidConfigException(field, why);
    }

    /**
     * Each weight matrix and each batch of activations is one Java array, which holds at most
     * {@link HeapBudget#MAX_ARRAY} entries whatever the heap (the heap itself is checked when a
     * trainer is built, {@link goodness.ff.training.TrainingMemory}).
     */
    private static void requireArraysFit(List<Integer> widths, int batchSize) {
        long in = IMAGE_PIXELS;
        for (int l = 0; l < widths.size(); l++) {
            long w = widths.get(l);
            require(in * w <= HeapBudget.MAX_ARRAY, "hiddenSizes", "layer " + (l + 1) + "'s " + in + "x" + w + " weight matrix would have "
                    + in * w + " entries, more than one Java array holds (" + HeapBudget.MAX_ARRAY + ")");
            require(2L * Math.max(batchSize, 1) * Math.max(in, w) <= HeapBudget.MAX_ARRAY, "hiddenSizes", "layer " + (l + 1) + " with batch " + batchSize
                    + " needs activation buffers of " + 2L * batchSize * Math.max(in, w) + " entries, more than one Java array holds (" + HeapBudget.MAX_ARRAY + ")");
            in = w;
        }
    }

    private static void requireFinite(double v, String field) {
        require(Double.isFinite(v), field, "must be a finite number, got " + v);
    }

    /** Recipe A exactly as docs/recipes.md states it (λ = 0.03 following Hinton). */
    public static FFConfig hinton() {
        return new FFConfig(Recipe.HINTON, "hinton", Dataset.MNIST, List.of(1000, 1000, 1000), 125, 100,
                0.01, 0.1, 0.9, 0.002, 0.003, 0.03, 0.9, 1.0, 1.0, 1.0, 0.1, 1,
                1234L, NegativeMode.HARD, PhaseSchedule.unseparated(), false, 2, "openblas", 0, false, 5, 0, 0.0, false, 0.0, 0.0, false, 0, null);
    }

    /**
     * "hinton-plus": recipe A unchanged (hard negatives, peer normalisation, softmax readout)
     * plus regularisation, at the settings with the lowest validation error of the runs in
     * docs/results-recipe-a.md (chosen on validation errors only): the training set reshuffled
     * every epoch, each training image shifted by up to ±1 pixel, rotated by up to ±10° and scaled
     * by up to ±10 %, dropout 0.1 on the hidden layers' normalised outputs, and 200 epochs (the
     * gain schedule stretches with them). Configs that predate preset names are compared with the
     * preset's first values ({@link NamedPreset#configBeforeNames()}).
     */
    public static FFConfig hintonPlus() {
        return hinton().toBuilder().presetName(NamedPreset.HINTON_PLUS.id()).epochs(200).shuffle(true)
                .shiftPixels(1).rotateDegrees(10).scaleRange(0.1).dropout(0.1).build();
    }

    /**
     * "hinton-unsupervised": the unsupervised FF of Hinton's paper on recipe A's layers and
     * optimiser (docs/unsupervised.md): four hidden layers of 2000, no label in the input, mask-hybrid
     * negatives, 100 epochs of FF learning; the softmax readout of layers 2-4 (the last three) learns
     * alongside and then for 10 more epochs on the frozen network.
     */
    public static FFConfig hintonUnsupervised() {
        return hinton().toBuilder().presetName(NamedPreset.HINTON_UNSUPERVISED.id()).hiddenSizes(List.of(2000, 2000, 2000, 2000))
                .epochs(100).negatives(NegativeMode.MASK).unsupervised(true).readoutEpochs(10).build();
    }

    /**
     * Recipe B (seed 003). The learning-rate fields of recipe A are unused; {@code learningRate}
     * is Adam's step size. Shuffling is on (the seed reshuffles every epoch). The epoch budget
     * default is far smaller than the seed's 500 epochs × 50 steps, which do not fit a laptop.
     */
    public static FFConfig sleep() {
        return new FFConfig(Recipe.SLEEP, "sleep", Dataset.MNIST, List.of(500, 500, 500), 10, 512,
                0.001, 0.0, 0.0, 0.0, 0.0, 0.0, 0.9, 1.5, 1.0, 1.0, 0.0, 10,
                1234L, NegativeMode.RANDOM, PhaseSchedule.unseparated(), true, 2, "openblas", 0, false, 1, 0, 0.0, false, 0.0, 0.0, false, 0, null);
    }

    /**
     * "hinton-recurrent": the recurrent network with top-down connections of Hinton's FF paper
     * (docs/recurrent.md): recipe A's data split, batch 100, normalisation, summed goodness,
     * threshold, optimiser, gain schedule and hard negatives, on two hidden layers of 2000 ReLUs
     * between the image and a clamped label layer, run for 8 damped synchronous iterations.
     */
    public static FFConfig recurrent() {
        // Learning rate 0.001, not recipe A's 0.01: at 2 x 2000 units 0.01 did not learn (docs/recurrent.md).
        return hinton().toBuilder().recipe(Recipe.RECURRENT).presetName(NamedPreset.HINTON_RECURRENT.id()).epochs(60).learningRate(0.001)
                .hiddenSizes(List.of(2000, 2000)).softmaxLearningRate(0).softmaxWeightCost(0).neutralLabel(0)
                .recurrentSettings(RecurrentSettings.paper()).build();
    }

    /**
     * The config a preset name stands for ({@link NamedPreset}, case-insensitive); the
     * one factory behind {@code train --preset} and the app's Preset box ({@link NamedPreset}).
     */
    public static FFConfig named(String name) {
        return NamedPreset.parse(name).config();
    }

    public static FFConfig defaults(Recipe p) {
        return switch (p) {
            case HINTON -> hinton();
            case SLEEP -> sleep();
            case RECURRENT -> recurrent();
        };
    }

    /** Every epoch of the run: the {@code epochs} of learning plus the readout-only ones after them. */
    public int totalEpochs() {
        return epochs + readoutEpochs;
    }

    public int layerCount() {
        return hiddenSizes.size();
    }

    public int width(int layer) {
        return hiddenSizes.get(layer);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable builder, for the CLI and GUI; {@link #build()} validates. */
    public static final class Builder {
        public Recipe recipe;
        public String presetName;
        public Dataset dataset;
        public List<Integer> hiddenSizes;
        public int epochs, batchSize, stepsPerBatch, threads, trainLimit, evalEvery, shiftPixels;
        public double dropout, rotateDegrees, scaleRange;
        public double learningRate, softmaxLearningRate, momentum, weightCost, softmaxWeightCost,
                peerLambda, peerDecay, threshold, temperature, labelStrength, neutralLabel;
        public long seed;
        public NegativeMode negatives;
        public PhaseSchedule phases;
        public boolean shuffle, topLayerTerm, dropoutScored, unsupervised;
        public int readoutEpochs;
        public String backend;
        public RecurrentSettings recurrentSettings;

        Builder(FFConfig c) {
            recipe = c.recipe; presetName = c.presetName; dataset = c.dataset; hiddenSizes = new ArrayList<>(c.hiddenSizes);
            epochs = c.epochs; batchSize = c.batchSize; learningRate = c.learningRate;
            softmaxLearningRate = c.softmaxLearningRate; momentum = c.momentum; weightCost = c.weightCost;
            softmaxWeightCost = c.softmaxWeightCost; peerLambda = c.peerLambda; peerDecay = c.peerDecay;
            threshold = c.threshold; temperature = c.temperature; labelStrength = c.labelStrength;
            neutralLabel = c.neutralLabel; stepsPerBatch = c.stepsPerBatch; seed = c.seed;
            negatives = c.negatives; phases = c.phases; shuffle = c.shuffle; threads = c.threads;
            backend = c.backend; trainLimit = c.trainLimit; topLayerTerm = c.topLayerTerm; evalEvery = c.evalEvery;
            shiftPixels = c.shiftPixels; dropout = c.dropout; dropoutScored = c.dropoutScored;
            rotateDegrees = c.rotateDegrees; scaleRange = c.scaleRange;
            unsupervised = c.unsupervised; readoutEpochs = c.readoutEpochs;
            recurrentSettings = c.recurrentSettings;
        }

        public Builder presetName(String n) { presetName = n; return this; }
        public Builder dataset(Dataset d) { dataset = d; return this; }
        public Builder epochs(int e) { epochs = e; return this; }
        public Builder seed(long s) { seed = s; return this; }
        public Builder negatives(NegativeMode m) { negatives = m; return this; }
        public Builder phases(PhaseSchedule p) { phases = p; return this; }
        public Builder trainLimit(int n) { trainLimit = n; return this; }
        public Builder hiddenSizes(List<Integer> h) { hiddenSizes = new ArrayList<>(h); return this; }
        public Builder batchSize(int b) { batchSize = b; return this; }
        public Builder peerLambda(double l) { peerLambda = l; return this; }
        public Builder backend(String b) { backend = b; return this; }
        public Builder threads(int t) { threads = t; return this; }
        public Builder evalEvery(int e) { evalEvery = e; return this; }
        public Builder shuffle(boolean s) { shuffle = s; return this; }
        public Builder topLayerTerm(boolean t) { topLayerTerm = t; return this; }
        public Builder stepsPerBatch(int k) { stepsPerBatch = k; return this; }
        public Builder learningRate(double lr) { learningRate = lr; return this; }
        public Builder shiftPixels(int s) { shiftPixels = s; return this; }
        public Builder dropout(double p) { dropout = p; return this; }
        public Builder dropoutScored(boolean on) { dropoutScored = on; return this; }
        public Builder rotateDegrees(double d) { rotateDegrees = d; return this; }
        public Builder scaleRange(double r) { scaleRange = r; return this; }
        public Builder unsupervised(boolean on) { unsupervised = on; return this; }
        public Builder readoutEpochs(int e) { readoutEpochs = e; return this; }
        public Builder recipe(Recipe r) { recipe = r; return this; }
        public Builder softmaxLearningRate(double lr) { softmaxLearningRate = lr; return this; }
        public Builder softmaxWeightCost(double wc) { softmaxWeightCost = wc; return this; }
        public Builder neutralLabel(double v) { neutralLabel = v; return this; }
        public Builder recurrentSettings(RecurrentSettings r) { recurrentSettings = r; return this; }

        public FFConfig build() {
            return new FFConfig(recipe, presetName, dataset, hiddenSizes, epochs, batchSize, learningRate, softmaxLearningRate,
                    momentum, weightCost, softmaxWeightCost, peerLambda, peerDecay, threshold, temperature,
                    labelStrength, neutralLabel, stepsPerBatch, seed, negatives, phases, shuffle, threads,
                    backend, trainLimit, topLayerTerm, evalEvery, shiftPixels, dropout, dropoutScored, rotateDegrees, scaleRange,
                    unsupervised, readoutEpochs, recurrentSettings);
        }
    }
}
