package goodness.cli;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * Every hyper-parameter as a command-line option. Unset options keep the preset's default, so
 * {@code train} with no options is recipe A exactly; each option only says what it changes.
 */
public final class ConfigOptions {
    @Option(names = "--preset", description = "hinton (recipe A, default), hinton-plus (recipe A + reshuffling, shifts, rotations, scaling, dropout, 200 epochs), hinton-unsupervised (no labels, hybrid-image negatives, 4x2000, readout afterwards), sleep (recipe B) or hinton-recurrent (the paper's recurrent net with top-down connections)", defaultValue = "hinton")
    String preset;
    @Option(names = "--dataset", description = "mnist (default) or fashion")
    String dataset;
    @Option(names = "--hidden", split = ",", description = "hidden layer widths, e.g. 1000,1000,1000")
    List<Integer> hidden;
    @Option(names = "--epochs", description = "epochs (A: 125)")
    Integer epochs;
    @Option(names = "--batch-size", description = "cases per batch (A: 100, B: 512)")
    Integer batchSize;
    @Option(names = "--lr", description = "A: weight learning rate (0.01); B: Adam step size (0.001)")
    Double lr;
    @Option(names = "--softmax-lr", description = "A: readout learning rate (0.1)")
    Double softmaxLr;
    @Option(names = "--momentum", description = "A: momentum (0.9)")
    Double momentum;
    @Option(names = "--weight-cost", description = "A: weight cost (0.002; Hinton's code 0.001)")
    Double weightCost;
    @Option(names = "--softmax-weight-cost", description = "A: readout weight cost (0.003)")
    Double softmaxWeightCost;
    @Option(names = "--lambda", description = "A: peer-normalisation strength (0.03; 0 reproduces the published seed log)")
    Double lambda;
    @Option(names = "--peer-decay", description = "A: decay of the peer running means (0.9)")
    Double peerDecay;
    @Option(names = "--threshold", description = "goodness threshold per unit (A: 1.0 = layer width on summed goodness; B: 1.5 on mean goodness)")
    Double threshold;
    @Option(names = "--temperature", description = "logistic temperature (1)")
    Double temperature;
    @Option(names = "--label-strength", description = "A: one-hot label value (1.0)")
    Double labelStrength;
    @Option(names = "--neutral-label", description = "A: neutral label value (0.1)")
    Double neutralLabel;
    @Option(names = "--steps", description = "B: Adam steps per layer per batch (K)")
    Integer steps;
    @Option(names = "--seed", description = "random seed (1234)")
    Long seed;
    @Option(names = "--negatives", description = "hard (A default), random (B default) or mask")
    String negatives;
    @Option(names = "--phases", description = "phase separation: none (default), N (awake=sleep=N), A:S or A:S:scaled")
    String phases;
    @Option(names = "--shuffle", negatable = true, description = "reshuffle the training set each epoch (hinton: off; hinton-plus, sleep: on)")
    Boolean shuffle;
    @Option(names = "--threads", description = "threads for the matrix products (2)")
    Integer threads;
    @Option(names = "--backend", description = "openblas (default) or ejml (reference)")
    String backend;
    @Option(names = "--train-limit", description = "train on the first N images only (0 = all)")
    Integer trainLimit;
    @Option(names = "--top-layer-term", description = "A caveat: add an untrained random 10-unit top layer to the energy, as the published run did")
    boolean topLayerTerm;
    @Option(names = "--eval-every", description = "evaluate every N epochs (A: 5; 0 = only at the end)")
    Integer evalEvery;
    @Option(names = "--shift", description = "A: shift each training image by a random integer in [-N, N] pixels per axis (0 = off; hinton-plus: 1)")
    Integer shift;
    @Option(names = "--dropout", description = "A: dropout rate on the hidden layers' normalised outputs during training (0 = off; hinton-plus: 0.1)")
    Double dropout;
    @Option(names = "--dropout-scored", negatable = true, description = "A: the dropout mask also applies to the states whose goodness is scored (off by default)")
    Boolean dropoutScored;
    @Option(names = "--rotate", paramLabel = "DEG", description = "A: rotate each training image by a random angle in [-DEG, DEG] degrees (0 = off; hinton-plus: 10; at most 45)")
    Double rotate;
    @Option(names = "--scale", paramLabel = "R", description = "A: scale each training image by a random factor in [1-R, 1+R] (0 = off; hinton-plus: 0.1; at most 0.5)")
    Double scale;

    @Option(names = "--readout-epochs", paramLabel = "N", description = "unsupervised: epochs after the FF epochs in which only the readout learns (hinton-unsupervised: 10)")
    Integer readoutEpochs;

    /** The config these options describe; invalid values throw {@link goodness.ff.InvalidConfigException}. */
    public FFConfig toConfig() {
        FFConfig.Builder b = FFConfig.named(preset).toBuilder();
        if (dataset != null) b.dataset = Dataset.parse(dataset);
        if (hidden != null) b.hiddenSizes = hidden;
        if (epochs != null) b.epochs = epochs;
        if (batchSize != null) b.batchSize = batchSize;
        if (lr != null) b.learningRate = lr;
        if (softmaxLr != null) b.softmaxLearningRate = softmaxLr;
        if (momentum != null) b.momentum = momentum;
        if (weightCost != null) b.weightCost = weightCost;
        if (softmaxWeightCost != null) b.softmaxWeightCost = softmaxWeightCost;
        if (lambda != null) b.peerLambda = lambda;
        if (peerDecay != null) b.peerDecay = peerDecay;
        if (threshold != null) b.threshold = threshold;
        if (temperature != null) b.temperature = temperature;
        if (labelStrength != null) b.labelStrength = labelStrength;
        if (neutralLabel != null) b.neutralLabel = neutralLabel;
        if (steps != null) b.stepsPerBatch = steps;
        if (seed != null) b.seed = seed;
        if (negatives != null) b.negatives = NegativeMode.parse(negatives);
        if (phases != null) b.phases = PhaseSchedule.parse(phases);
        if (shuffle != null) b.shuffle = shuffle;
        if (threads != null) b.threads = threads;
        if (backend != null) b.backend = backend.toLowerCase();
        if (trainLimit != null) b.trainLimit = trainLimit;
        if (topLayerTerm) b.topLayerTerm = true;
        if (evalEvery != null) b.evalEvery = evalEvery;
        if (shift != null) b.shiftPixels = shift;
        if (dropout != null) b.dropout = dropout;
        if (dropoutScored != null) b.dropoutScored = dropoutScored;
        if (rotate != null) b.rotateDegrees = rotate;
        if (scale != null) b.scaleRange = scale;
        if (readoutEpochs != null) b.readoutEpochs = readoutEpochs;
        return b.build();
    }
}
