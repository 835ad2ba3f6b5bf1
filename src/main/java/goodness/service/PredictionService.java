package goodness.service;

import goodness.data.DigitPreprocessor;
import goodness.data.PreprocessedDigit;
import goodness.ff.FFNetwork;
import goodness.ff.scoring.DigitPredictor;
import goodness.ff.scoring.Prediction;
import goodness.ff.scoring.RecurrentInference;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Preprocesses and scores drawn digits on one background thread ("goodness-predict"),
 * latest-wins: while a prediction runs, newer requests replace older waiting ones, so a fast
 * mouse never builds a queue. The network is an immutable snapshot (the bundled model or a copy
 * taken by the training service), so predicting while training runs is safe.
 */
public final class PredictionService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PredictionService.class.getName());


    /**
     * @param digit      the 28×28 image as the network sees it
     * @param prediction null when the picture was empty or there is no model
     * @param millis     preprocessing + scoring time
     * @param model      a short name of the model used
     * @param activity   the hidden activity per layer for the predicted label and the runner-up
     *                   (the second-highest energy), or empty without a prediction
     * @param settling   a recurrent model's run of the digit, every iteration recorded; null for
     *                   the other recipes and without a prediction
     */
    public record Result(PreprocessedDigit digit, Prediction prediction, double millis, String model, long requestId,
                         List<HiddenActivity> activity, Settling settling) {
    }

    /**
     * How a recurrent network settles on the digit: the goodness of each label at every
     * iteration (and every layer's states), and which iterations the prediction scores.
     *
     * @param run       {@link RecurrentInference}'s record of the digit under each label
     * @param scoreFrom the first scored iteration (3 in the paper)
     * @param scoreTo   the last scored iteration (5 in the paper)
     */
    public record Settling(RecurrentInference.Result run, int scoreFrom, int scoreTo) {
        /** T, the last iteration recorded. */
        public int iterations() {
            return run.goodness()[0].length - 1;
        }
    }

    /** Every layer's hidden activity (ReLU outputs, one value per unit) with {@code label} embedded. */
    public record HiddenActivity(int label, float[][] perLayer) {
    }

    /** The label with the second-highest energy (ties: the lower label). */
    public static int runnerUp(float[] energy) {
        int best = goodness.ff.FFMath.argmax(energy, 0, energy.length), second = -1;
        for (int c = 0; c < energy.length; c++) if (c != best && (second < 0 || energy[c] > energy[second])) second = c;
        return second;
    }

    private record Request(long id, float[] gray, List<float[]> strokes, float radius, int width, int height,
                           boolean preprocessed, Consumer<Result> callback) {
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "goodness-predict");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Request> next = new AtomicReference<>();
    private final AtomicReference<Model> model = new AtomicReference<>();
    private long ids;

    // Predictor thread only.
    private DigitPredictor predictor;
    private RecurrentInference inference;
    private FFNetwork predictorNet;

    private record Model(FFNetwork network, String name) {
    }

    public void setModel(FFNetwork network, String name) {
        model.set(network == null ? null : new Model(network, name));
    }

    public FFNetwork model() {
        Model m = model.get();
        return m == null ? null : m.network();
    }

    /** Predicts a raw grayscale picture (any polarity); the callback runs on the predictor thread. */
    public synchronized long submit(float[] gray, int width, int height, Consumer<Result> callback) {
        return enqueue(new Request(++ids, gray.clone(), null, 0, width, height, false, callback));
    }

    /** Predicts an already preprocessed 784-pixel digit (e.g. a test image). */
    public synchronized long submitPreprocessed(float[] pixels784, Consumer<Result> callback) {
        return enqueue(new Request(++ids, pixels784.clone(), null, 0, 28, 28, true, callback));
    }

    /** Rasterises pen strokes ({x,y,x,y,...} each, copied) on the predictor thread, then predicts. */
    public synchronized long submitStrokes(List<float[]> strokes, float radius, int width, int height, Consumer<Result> callback) {
        List<float[]> copy = new java.util.ArrayList<>(strokes.size());
        for (float[] s : strokes) copy.add(s.clone());
        return enqueue(new Request(++ids, null, copy, radius, width, height, false, callback));
    }

    private long enqueue(Request r) {
        if (next.getAndSet(r) == null) {
            try {
                executor.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.log(System.Logger.Level.DEBUG, "prediction not run: the service is closed", e);
                next.set(null);
            }
        }
        return r.id();
    }

    private void drain() {
        Request r = next.getAndSet(null);
        if (r == null) return;
        try {
            r.callback().accept(compute(r));
        } catch (RuntimeException e) {
            // A failed prediction only skips this frame; the log keeps why.
            LOG.log(System.Logger.Level.WARNING, "a prediction failed", e);
        }
    }

    private Result compute(Request r) {
        long t0 = System.nanoTime();
        float[] gray = r.strokes() != null ? StrokeRasterizer.rasterize(r.strokes(), r.width(), r.height(), r.radius()) : r.gray();
        PreprocessedDigit d = r.preprocessed()
                ? new PreprocessedDigit(gray, isBlank(gray), PreprocessedDigit.Box.NONE)
                : DigitPreprocessor.preprocess(gray, r.width(), r.height());
        Model m = model.get();
        Prediction p = null;
        List<HiddenActivity> activity = List.of();
        Settling settling = null;
        if (m != null && !d.empty()) {
            if (predictorNet != m.network()) {
                if (predictor != null) predictor.close();
                if (inference != null) inference.close();
                predictor = new DigitPredictor(m.network());
                inference = m.network().topDown != null ? new RecurrentInference(m.network()) : null;
                predictorNet = m.network();
            }
            if (inference != null) {
                var rs = m.network().config().recurrentSettings();
                settling = new Settling(inference.infer(d.pixels()), rs.scoreFrom(), rs.scoreTo());
            }
            p = predictor.predict(d.pixels());
            int second = runnerUp(p.scores());
            activity = List.of(new HiddenActivity(p.label(), predictor.activity(p.label())),
                    new HiddenActivity(second, predictor.activity(second)));
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        return new Result(d, p, millis, m == null ? "no model" : m.name(), r.id(), activity, settling);
    }

    private static boolean isBlank(float[] v) {
        for (float x : v) if (x > 0.05f) return false;
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void requireNonNull(Object o) {
        Objects.requireNonNull(o);
    }
}
