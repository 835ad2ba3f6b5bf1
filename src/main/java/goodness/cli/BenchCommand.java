package goodness.cli;

import com.google.gson.annotations.SerializedName;
import goodness.bench.SgemmBench;
import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.backend.OpenBlasKernels;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import org.ejml.data.FMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code bench}: training and evaluation speed of recipe A's (and recipe B's) real shapes on real
 * MNIST, for each backend side by side, against the machine's measured sgemm peak.
 *
 * <p>The <b>naive floor</b> of a workload is the FLOPs of the products its recipe states, done
 * the plain way (every pass its own product), divided by the sgemm peak measured in the same
 * run: the time the recipe would take if its products ran at the machine's peak and nothing else
 * cost anything. The ratio (seconds / naive floor) says how close a backend comes to that (≤ 1.0: faster
 * than the plain recipe at peak, which only doing fewer products, exactly, can reach); measured
 * within one run it is more robust on a shared machine than seconds.
 *
 * <ul>
 *   <li>Training: after a few warm-up batches, {@code --repeats} timed runs of {@code --batches}
 *       batches each (or of {@code --epochs} whole epochs); seconds per epoch is the median run's
 *       time per batch times the batches of a full epoch, so a partial run is an extrapolation and
 *       the output says so. Only {@code trainBatch()} is timed (no evaluation, no checkpoints).</li>
 *   <li>FLOPs: per batch 3 forward products (positive, neutral, negative) and 2 weight-gradient
 *       products, each B·Σ(in·out) multiply-adds: {@code 5·2·B·Σ(in·out)}; the readout and the
 *       element-wise work are not counted.</li>
 *   <li>Energy evaluation: a {@link GoodnessScorer} over the trainer's network (HintonTrainer's
 *       own path) scoring the validation images, median of {@code --repeats}.</li>
 *   <li>Peak: best of 5 single-precision products of a large square size with OpenBLAS
 *       ({@code --threads}); {@code --peak-gflops} adds a theoretical figure beside it.</li>
 * </ul>
 * Medians, not means: on a shared machine a slow outlier is noise, not signal.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time recipe A training, recipe B training and one energy evaluation pass on each backend, side by side.",
                "Prints seconds (per epoch), the naive floor (the workload's plain-path FLOPs at the sgemm peak measured in the same run) "
                        + "and their ratio, samples/s, GFLOP/s and the fraction of the peak; medians of --repeats runs. "
                        + "Partial runs are extrapolated to a full epoch, and the output says so."})
final class BenchCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--backends", split = ",", defaultValue = "openblas,ejml", description = "backends to compare (default: ${DEFAULT-VALUE})")
    List<String> backends;
    @Option(names = "--threads", defaultValue = "2", description = "threads per matrix product (default: ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--batches", description = "batches per timed run, every backend (default: openblas 100, ejml 20; extrapolated to an epoch)")
    Integer batches;
    @Option(names = "--epochs", description = "time whole epochs instead: N epochs per timed run (every backend; slow for ejml)")
    Integer epochs;
    @Option(names = "--repeats", defaultValue = "3", description = "timed runs per measurement; the median is reported (default: ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--warmup", defaultValue = "5", description = "untimed warm-up batches per backend (default: ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--eval-images", description = "validation images per evaluation pass (default: openblas 10000, ejml 1000; extrapolated to 10000)")
    Integer evalImages;
    @Option(names = "--peak-size", defaultValue = "1000", description = "n of the n x n x n sgemm that measures the peak (default: ${DEFAULT-VALUE})")
    int peakSize;
    @Option(names = "--peak-gflops", description = "theoretical FMA peak of this machine in GFLOP/s, printed beside the measured one")
    Double peakGflops;
    @Option(names = "--preset", defaultValue = "hinton", description = "the recipe-A preset whose batches are timed: hinton (default), hinton-plus or hinton-unsupervised")
    String preset;

    @Option(names = "--hidden", split = ",", description = "hidden widths (default: recipe A's 1000,1000,1000)")
    List<Integer> hidden;
    @Option(names = "--quick", description = "a tiny run (seconds): 1 warm-up and 2 timed batches, 1 repeat, 100 evaluation images, 256^3 peak; recipe B 1 batch of 64 with K = 1")
    boolean quick;
    @Option(names = "--recipe-b-batches", description = "recipe B batches per timed run (default: openblas 10, ejml 1; extrapolated to an epoch)")
    Integer recipeBBatches;
    @Option(names = "--no-recipe-b", description = "skip recipe B")
    boolean noRecipeB;

    private static final int EVAL_REFERENCE = 10_000;

    /** One backend's figures. GFLOP/s are naive-equivalent: the naive FLOPs over the time taken. */
    record Result(String backend, int threads, double secondsPerEpoch, double gflops, double samplesPerSecond,
                  double energyEvalSeconds, double evalGflops, int timedBatches, boolean extrapolated,
                  int evalImages, boolean evalExtrapolated, int batchesPerEpoch,
                  double naiveFloorSeconds, double evalNaiveFloorSeconds, RecipeB recipeB) {
    }

    /** Recipe B's figures (null when skipped). */
    record RecipeB(double secondsPerEpoch, double naiveFloorSeconds, double gflops, int timedBatches, int batchesPerEpoch,
                   int steps, int batchSize, String shape) {
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (quick) {
            if (batches == null && epochs == null) batches = 2;
            repeats = 1;
            warmup = 1;
            if (evalImages == null) evalImages = 100;
            peakSize = Math.min(peakSize, 256);
        }
        if (repeats < 1) throw new CliException("--repeats must be >= 1, got " + repeats, 1);
        if (warmup < 0) throw new CliException("--warmup must be >= 0, got " + warmup, 1);
        if (batches != null && batches < 1) throw new CliException("--batches must be >= 1, got " + batches, 1);
        if (epochs != null && epochs < 1) throw new CliException("--epochs must be >= 1, got " + epochs, 1);
        if (batches != null && epochs != null) throw new CliException("--batches and --epochs exclude each other", 1);
        if (evalImages != null && (evalImages < 1 || evalImages > EVAL_REFERENCE)) throw new CliException("--eval-images must be in 1..10000, got " + evalImages, 1);
        if (peakSize < 16 || peakSize > 8192) throw new CliException("--peak-size must be in 16..8192, got " + peakSize, 1);
        if (peakGflops != null && !(peakGflops > 0)) throw new CliException("--peak-gflops must be > 0, got " + peakGflops, 1);
        List<String> names = new ArrayList<>();
        for (String b : backends) {
            String n = b.trim().toLowerCase(Locale.ROOT);
            if (!n.equals("openblas") && !n.equals("ejml")) throw new CliException("unknown backend '" + b + "' in --backends; valid names: openblas, ejml", 2);
            if (!names.contains(n)) names.add(n);
        }

        FFConfig named;
        try {
            named = FFConfig.named(preset);
        } catch (goodness.ff.InvalidConfigException e) {
            throw new CliException("--preset: " + e.getMessage(), 2);
        }
        if (named.recipe() == goodness.ff.Recipe.SLEEP)
            throw new CliException("--preset " + preset + " is recipe B, which is timed on its own line (omit --no-recipe-b); --preset takes hinton, hinton-plus, hinton-unsupervised or hinton-recurrent", 2);
        FFConfig.Builder cb = named.toBuilder().threads(threads).evalEvery(0).epochs(100_000).readoutEpochs(0);
        if (hidden != null) cb.hiddenSizes(hidden);
        FFConfig base = cb.build();
        DataSplits data = Trainers.loadData(common.dataRoot(), base);

        // Peak: best of 5 products (the machine's reachable FMA throughput, not the median).
        String peakBackend = names.contains("openblas") || names.isEmpty() ? "openblas" : names.get(0);
        double peak;
        try (MatrixBackend b = Models.backend(peakBackend, threads)) {
            peak = bestSgemmGflops(b, peakSize, 5);
        }
        double flopsPerBatch = trainFlopsPerBatch(base);
        int batchesPerEpoch = data.train().count() / base.batchSize();
        if (!common.json) {
            out.printf("bench: %s, %s, batch %d, %d batches/epoch = %.3f TFLOP/epoch (%s per batch); %d threads; %d CPUs%n",
                    base.presetName(), Models.shape(base), base.batchSize(), batchesPerEpoch, flopsPerBatch * batchesPerEpoch / 1e12,
                    base.recipe() == goodness.ff.Recipe.RECURRENT ? "the t = 0 pass, T iterations of both runs, their gradients"
                            : (base.unsupervised() ? "4" : "5") + " x 2 x B x sum(in x out)", threads,
                    Runtime.getRuntime().availableProcessors());
            out.printf("peak: %.1f GFLOP/s measured (best of 5 sgemm %dx%dx%d, %s x%d)%s%n", peak, peakSize, peakSize, peakSize, peakBackend, threads,
                    peakGflops != null ? String.format("; theoretical %.1f GFLOP/s (--peak-gflops)", peakGflops) : "");
            if (names.contains("openblas"))
                out.printf("openblas: OpenBLAS %s, kernels %s%n", OpenBlasKernels.version(), OpenBlasKernels.describe(OpenBlasKernels.forcedCoreType()));
            out.flush();
        }

        double drawMs = drawToPredictionMillis(quick ? 20 : 300);
        FFConfig.Builder sb = FFConfig.sleep().toBuilder().threads(threads).evalEvery(0).epochs(100_000);
        if (quick) sb.stepsPerBatch(1).batchSize(64);
        FFConfig sleepBase = sb.build();
        DataSplits sleepData = noRecipeB ? null : Trainers.loadData(common.dataRoot(), sleepBase);
        List<Result> results = new ArrayList<>();
        for (String name : names) {
            FFConfig config = base.toBuilder().backend(name).build();
            RecipeB rb = noRecipeB ? null : benchRecipeB(sleepBase.toBuilder().backend(name).build(), sleepData, name, peak);
            Result r = benchOne(config, data, name, peak, rb);
            results.add(r);
            if (common.json) {
                out.println(jsonLine(r, peak, drawMs));
                out.flush();
            }
        }
        if (!common.json) {
            table(out, results, peak);
            out.printf("draw-to-prediction (the GUI canvas path: preprocess a 280x280 drawing, energy of 10 labels, softmax): median %.2f ms%n", drawMs);
        }
        return 0;
    }

    /**
     * Median time of the canvas path: {@link goodness.data.DigitPreprocessor} on a 280×280 stroke
     * plus a {@link goodness.ff.scoring.DigitPredictor} pass, with the bundled model (recipe A shapes).
     */
    private static double drawToPredictionMillis(int reps) {
        goodness.ff.FFNetwork net = goodness.ff.io.DefaultModel.load();
        float[] canvas = new float[280 * 280];
        for (int y = 40; y < 240; y++) for (int x = 120 + y / 8; x < 140 + y / 8; x++) canvas[y * 280 + x] = 1f;
        try (goodness.ff.scoring.DigitPredictor p = new goodness.ff.scoring.DigitPredictor(net)) {
            for (int i = 0; i < reps; i++) p.predict(goodness.data.DigitPreprocessor.preprocess(canvas, 280, 280).pixels());
            double[] t = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                p.predict(goodness.data.DigitPreprocessor.preprocess(canvas, 280, 280).pixels());
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
            java.util.Arrays.sort(t);
            return t[reps / 2];
        }
    }

    /** Recipe B: K Adam steps per layer per batch; timed like recipe A, extrapolated to an epoch. */
    private RecipeB benchRecipeB(FFConfig config, DataSplits data, String name, double peak) {
        try (Trainer trainer = Trainers.create(config, data, Models.backend(name, threads))) {
            int bpe = trainer.batchesPerEpoch();
            int perRun = recipeBBatches != null ? recipeBBatches : quick || name.equals("ejml") ? 1 : 10;
            for (int i = 0; i < Math.min(warmup, 2); i++) step(trainer);
            double secondsPerBatch = medianSecondsPerBatch(trainer, perRun);
            double flops = recipeBFlopsPerBatch(config);
            return new RecipeB(secondsPerBatch * bpe, flops * bpe / (peak * 1e9), flops / secondsPerBatch / 1e9,
                    perRun * repeats, bpe, config.stepsPerBatch(), config.batchSize(), Models.shape(config));
        }
    }

    private Result benchOne(FFConfig config, DataSplits data, String name, double peak, RecipeB recipeB) {
        int perRun;
        boolean extrapolated;
        try (Trainer trainer = Trainers.create(config, data, Models.backend(name, threads))) {
            int bpe = trainer.batchesPerEpoch();
            if (epochs != null) {
                perRun = epochs * bpe;
                extrapolated = false;
            } else {
                perRun = batches != null ? batches : name.equals("ejml") ? 20 : 100;
                extrapolated = perRun != bpe;
            }
            for (int i = 0; i < warmup; i++) step(trainer);
            double secondsPerBatch = medianSecondsPerBatch(trainer, perRun);
            double secondsPerEpoch = secondsPerBatch * bpe;
            double gflops = trainFlopsPerBatch(config) / secondsPerBatch / 1e9;
            double samples = config.batchSize() / secondsPerBatch;

            // Energy evaluation: HintonTrainer's scorer path over the trainer's (partly trained) network.
            LabeledImages valid = data.valid().count() > 0 ? data.valid() : data.test();
            int n = Math.min(valid.count(), evalImages != null ? evalImages : name.equals("ejml") ? 1000 : EVAL_REFERENCE);
            double[] evalSecs = new double[repeats];
            try (MatrixBackend evalBackend = Models.backend(name, threads)) {
                GoodnessScorer scorer = new GoodnessScorer(trainer.network(), evalBackend, 250);
                GoodnessScorer.Scores scores = new GoodnessScorer.Scores(n, config.layerCount());
                scorer.score(valid.pixels(), 0, Math.min(n, 250), scores); // warm-up
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    scorer.score(valid.pixels(), 0, n, scores);
                    evalSecs[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            int reference = Math.min(EVAL_REFERENCE, valid.count());
            double evalSeconds = median(evalSecs) * reference / n;
            double evalGflops = evalNaiveFlopsPerImage(config) * reference / evalSeconds / 1e9;
            double floor = trainFlopsPerBatch(config) * bpe / (peak * 1e9);
            double evalFloor = evalNaiveFlopsPerImage(config) * reference / (peak * 1e9);
            return new Result(name, threads, secondsPerEpoch, gflops, samples, evalSeconds, evalGflops, perRun * repeats,
                    extrapolated, n, n != reference, bpe, floor, evalFloor, recipeB);
        }
    }

    /** The median over the repeats of one batch's time, each repeat timing {@code perRun} batches. */
    private double medianSecondsPerBatch(Trainer trainer, int perRun) {
        double[] perBatch = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long nanos = 0;
            for (int i = 0; i < perRun; i++) nanos += step(trainer);
            perBatch[r] = nanos / 1e9 / perRun;
        }
        return median(perBatch);
    }

    /** Trains one batch (ending the epoch first when it is complete); returns the nanoseconds of trainBatch alone. */
    private static long step(Trainer trainer) {
        if (trainer.batchInEpoch() == trainer.batchesPerEpoch()) trainer.finishEpoch();
        long t0 = System.nanoTime();
        trainer.trainBatch();
        return System.nanoTime() - t0;
    }

    /**
     * Recipe A's naive FLOPs per batch: 5 products of B·Σ(in·out) multiply-adds (forward positive,
     * neutral, negative; dW positive and negative). The trainer does fewer (layer 1 shared by the
     * passes); this is the count the naive floor and the naive-equivalent GFLOP/s use.
     */
    static double trainFlopsPerBatch(FFConfig c) {
        if (c.recipe() == goodness.ff.Recipe.RECURRENT) return recurrentFlopsPerBatch(c);
        // Unsupervised: 4 products (forward and dW, each over the real and the hybrid rows).
        return (c.unsupervised() ? 4.0 : 5.0) * 2.0 * c.batchSize() * sumInOut(c);
    }

    /**
     * The recurrent recipe's FLOPs per batch (docs/recurrent.md): the t = 0 bottom-up pass once per
     * image, then T iterations over both runs (2B rows) of every layer's bottom-up product (layer
     * 1's is the same at every step and done once) and top-down product (the label layer's is a
     * row lookup), then the gradients: of each W_l (l >= 2) and V_l (l < L) over the 2·T·B
     * stacked rows, and of W_1 once over the B images.
     */
    static double recurrentFlopsPerBatch(FFConfig c) {
        int t = c.recurrentSettings().iterations();
        double b = c.batchSize(), rows = 2.0 * t * b;
        double macs = b * sumInOut(c) + rows * recurrentIterationMacs(c) + rows * recurrentIterationMacs(c)
                + b * FFConfig.IMAGE_PIXELS * c.width(0);
        return 2.0 * macs;
    }

    /** One iteration's multiply-adds per row: Σ_{l>=2} w_{l-1}·w_l bottom-up plus Σ_{l<L} w_{l+1}·w_l top-down. */
    private static double recurrentIterationMacs(FFConfig c) {
        double m = 0;
        for (int l = 1; l < c.layerCount(); l++) m += 2.0 * c.width(l - 1) * c.width(l);
        return m;
    }

    /**
     * Recipe B's naive FLOPs per batch (unseparated phases): per layer K steps of a forward and a
     * gradient product over all 2B rows, then one forward pass with the updated weights that feeds
     * the next layer (none after the last layer).
     */
    static double recipeBFlopsPerBatch(FFConfig c) {
        double rows = 2.0 * c.batchSize(), flops = 0;
        int in = FFConfig.IMAGE_PIXELS;
        for (int l = 0; l < c.layerCount(); l++) {
            int products = 2 * c.stepsPerBatch() + (l + 1 < c.layerCount() ? 1 : 0);
            flops += products * 2.0 * rows * in * c.width(l);
            in = c.width(l);
        }
        return flops;
    }

    /**
     * The energy evaluation's naive FLOPs per image: a full forward pass for each of the ten labels, plus the neutral (softmax) pass;
     * an unsupervised network's evaluation is one pass (the readout's).
     */
    static double evalNaiveFlopsPerImage(FFConfig c) {
        if (c.recipe() == goodness.ff.Recipe.RECURRENT) {
            // The t = 0 pass once per image, then iterations 1..scoreTo for each of the ten labels.
            return 2.0 * (sumInOut(c) + FFConfig.LABELS * c.recurrentSettings().scoreTo() * recurrentIterationMacs(c));
        }
        return (c.unsupervised() ? 1 : FFConfig.LABELS + 1) * 2.0 * sumInOut(c);
    }

    private static double sumInOut(FFConfig c) {
        double s = 0;
        int in = FFConfig.IMAGE_PIXELS;
        for (int l = 0; l < c.layerCount(); l++) {
            s += (double) in * c.width(l);
            in = c.width(l);
        }
        return s;
    }

    static double bestSgemmGflops(MatrixBackend backend, int n, int tries) {
        FMatrixRMaj a = random(n, 1), b = random(n, 2), c = new FMatrixRMaj(n, n);
        backend.mult(a, b, c); // warm-up: thread pool, first touch
        backend.mult(a, b, c);
        double best = 0;
        for (int i = 0; i < tries; i++) {
            long t0 = System.nanoTime();
            backend.mult(a, b, c);
            best = Math.max(best, SgemmBench.flops(n, n, n) / Math.max(1, System.nanoTime() - t0));
        }
        return best;
    }

    private static FMatrixRMaj random(int n, long seed) {
        Random rnd = new Random(seed);
        FMatrixRMaj m = new FMatrixRMaj(n, n);
        for (int i = 0; i < m.data.length; i++) m.data[i] = (float) rnd.nextGaussian();
        return m;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** {@code bench --json}: one line per backend; the theoretical peak only with {@code --peak-gflops}, recipe B unless skipped. */
    private record BenchLineJson(
            String backend,
            int threads,
            @SerializedName("seconds_per_epoch") double secondsPerEpoch,
            @SerializedName("samples_per_second") double samplesPerSecond,
            double gflops,
            @SerializedName("energy_eval_seconds") double energyEvalSeconds,
            @SerializedName("energy_eval_gflops") double energyEvalGflops,
            @SerializedName("peak_gflops") double peakGflops,
            @SerializedName("naive_floor_seconds") double naiveFloorSeconds,
            @SerializedName("floor_ratio") double floorRatio,
            @SerializedName("fraction_of_peak") double fractionOfPeak,
            @SerializedName("theoretical_peak_gflops") Double theoreticalPeakGflops,
            @SerializedName("fraction_of_theoretical_peak") Double fractionOfTheoreticalPeak,
            @SerializedName("batches_per_epoch") int batchesPerEpoch,
            @SerializedName("timed_batches") int timedBatches,
            boolean extrapolated,
            @SerializedName("eval_images") int evalImages,
            @SerializedName("eval_extrapolated") boolean evalExtrapolated,
            int repeats,
            @SerializedName("energy_eval") EnergyEvalJson energyEval,
            @SerializedName("recipe_b") RecipeBJson recipeB,
            @SerializedName("draw_to_prediction_ms") double drawToPredictionMs,
            @SerializedName("openblas_version") String openblasVersion,
            @SerializedName("openblas_coretype") String openblasCoretype,
            @SerializedName("openblas_kernels") String openblasKernels) {
    }

    /** The energy evaluation of {@value #EVAL_REFERENCE} images. */
    private record EnergyEvalJson(
            double seconds,
            @SerializedName("naive_floor_seconds") double naiveFloorSeconds,
            @SerializedName("floor_ratio") double floorRatio,
            @SerializedName("peak_gflops") double peakGflops,
            int images) {
    }

    private record RecipeBJson(
            @SerializedName("seconds_per_epoch") double secondsPerEpoch,
            @SerializedName("naive_floor_seconds") double naiveFloorSeconds,
            @SerializedName("floor_ratio") double floorRatio,
            @SerializedName("peak_gflops") double peakGflops,
            double gflops,
            @SerializedName("steps_per_batch") int stepsPerBatch,
            @SerializedName("batch_size") int batchSize,
            @SerializedName("batches_per_epoch") int batchesPerEpoch,
            @SerializedName("timed_batches") int timedBatches) {
    }

    /** One backend's {@code --json} line. */
    String jsonLine(Result r, double peak, double drawMs) {
        boolean theory = peakGflops != null;
        // The process's environment, on every line (an ejml line too: the same process, the same library).
        String forced = OpenBlasKernels.forcedCoreType();
        RecipeB b = r.recipeB();
        RecipeBJson jb = b == null ? null : new RecipeBJson(b.secondsPerEpoch(), b.naiveFloorSeconds(), b.secondsPerEpoch() / b.naiveFloorSeconds(),
                peak, b.gflops(), b.steps(), b.batchSize(), b.batchesPerEpoch(), b.timedBatches());
        EnergyEvalJson ev = new EnergyEvalJson(r.energyEvalSeconds(), r.evalNaiveFloorSeconds(), r.energyEvalSeconds() / r.evalNaiveFloorSeconds(),
                peak, EVAL_REFERENCE);
        return Json.GSON.toJson(new BenchLineJson(r.backend(), r.threads(), r.secondsPerEpoch(), r.samplesPerSecond(), r.gflops(), r.energyEvalSeconds(),
                r.evalGflops(), peak, r.naiveFloorSeconds(), r.secondsPerEpoch() / r.naiveFloorSeconds(), r.gflops() / peak,
                theory ? peakGflops : null, theory ? r.gflops() / peakGflops : null, r.batchesPerEpoch(), r.timedBatches(), r.extrapolated(),
                r.evalImages(), r.evalExtrapolated(), repeats, ev, jb, drawMs,
                OpenBlasKernels.version(), forced == null ? "auto-detected" : forced, OpenBlasKernels.describe(forced)));
    }

    private void table(PrintStream out, List<Result> results, double peak) {
        out.println();
        out.printf("%-9s %-22s %9s %11s %7s %10s %9s %7s%s  %s%n", "backend", "workload", "seconds", "naive floor", "ratio",
                "samples/s", "GFLOP/s*", "%peak", peakGflops != null ? String.format(" %8s", "%theory") : "", "how");
        for (Result r : results) {
            String how = String.format("median of %d runs of %d batches%s", repeats, r.timedBatches() / repeats,
                    r.extrapolated() ? ", extrapolated to " + r.batchesPerEpoch() : "");
            row(out, r.backend(), "recipe A, 1 epoch", r.secondsPerEpoch(), r.naiveFloorSeconds(), r.samplesPerSecond(), r.gflops(), peak, how);
            RecipeB b = r.recipeB();
            if (b != null) {
                String bHow = String.format("%s, B %d, K %d; median of %d runs of %d batches, extrapolated to %d", b.shape(), b.batchSize(), b.steps(),
                        repeats, b.timedBatches() / repeats, b.batchesPerEpoch());
                row(out, r.backend(), "recipe B, 1 epoch", b.secondsPerEpoch(), b.naiveFloorSeconds(),
                        b.batchSize() * b.batchesPerEpoch() / b.secondsPerEpoch(), b.gflops(), peak, bHow);
            }
            row(out, r.backend(), "energy eval, 10k x 10", r.energyEvalSeconds(), r.evalNaiveFloorSeconds(), Double.NaN, r.evalGflops(), peak,
                    "median of " + repeats + (r.evalExtrapolated() ? String.format(", %d images, extrapolated", r.evalImages()) : ""));
        }
        if (results.size() > 1) {
            Result first = results.get(0);
            for (Result r : results.subList(1, results.size()))
                out.printf("%s is %.1fx slower than %s per recipe-A epoch%n", r.backend(), r.secondsPerEpoch() / first.secondsPerEpoch(), first.backend());
        }
        out.println("naive floor = the workload's naive FLOPs (every pass its own product) / the sgemm peak measured above; ratio = seconds / naive floor");
        out.println("* naive-equivalent GFLOP/s: naive FLOPs / seconds (the trainers and the evaluation do fewer: layer 1 is shared between passes over the same images)");
        out.println("(figures on a shared machine vary from run to run; medians are reported)");
    }

    private void row(PrintStream out, String backend, String workload, double seconds, double floor, double samples, double gflops, double peak, String how) {
        out.printf("%-9s %-22s %9.2f %11.2f %7.2f %10s %9.1f %6.1f%%%s  %s%n", backend, workload, seconds, floor, seconds / floor,
                Double.isNaN(samples) ? "-" : String.format("%.0f", samples), gflops, 100 * gflops / peak,
                peakGflops != null ? String.format(" %7.1f%%", 100 * gflops / peakGflops) : "", how);
    }
}
