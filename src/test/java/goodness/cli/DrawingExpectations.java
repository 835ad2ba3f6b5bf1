package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.data.DataSplits;
import goodness.data.Dataset;
import goodness.data.DatasetLoader;
import goodness.data.DigitPreprocessor;
import goodness.data.LabeledImages;
import goodness.data.SplitKind;
import goodness.drawings.AppDrawings;
import goodness.ff.FFNetwork;
import goodness.ff.io.Checkpoints;
import goodness.ff.io.DefaultModel;
import goodness.ff.scoring.DigitPredictor;
import goodness.ff.scoring.Prediction;
import goodness.service.PredictionService;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the app's own drawing tests would predict with a model file: the tests that draw a digit
 * and check the bundled model's answer ({@link AppDrawings}), run on the bundled model and, given
 * a model file (a {@code .ffm} or a checkpoint), on that model next to it. It prints a table,
 * writes it to {@code target/drawing-expectations.txt}, and exits with 1, naming each case, if the
 * chosen model breaks an expectation those tests hold (the bundled model when no file is given).
 * A report for choosing a bundled model, not a test; one command for a candidate:
 *
 * <pre>scripts/drawing-expectations.sh runs/RUN/model.ffm</pre>
 *
 * <p>Beyond the tests it also reports, as figures without expectations, the errors on the first
 * {@code goodness.drawings.count} (1000) MNIST test digits drawn on the canvas (scaled to 280×280,
 * then the canvas's preprocessing): how the model copes with digits that went through the Draw
 * tab's path rather than MNIST's own.
 */
public final class DrawingExpectations {
    private final Path tmp;

    private DrawingExpectations(Path tmp) {
        this.tmp = tmp;
    }

    /** Arguments: an optional model file; {@code -Dgoodness.drawings.count=N} digits for the figures beyond the tests. */
    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("drawing-expectations");
        boolean holds;
        try {
            holds = new DrawingExpectations(tmp).run(args.length > 0 ? args[0].trim() : "");
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(holds ? 0 : 1);
    }

    /** One model's answers on the drawings. */
    private record Answers(String name, Prediction stroke, JsonObject png, int drawnDigits, int drawnEnergyErrors, int drawnSoftmaxErrors) {
    }

    private boolean run(String file) throws Exception {
        int count = Integer.getInteger("goodness.drawings.count", 1000);
        if (!file.isEmpty() && !Files.isRegularFile(Path.of(file))) throw new IllegalArgumentException(Path.of(file).toAbsolutePath() + ": no such file");
        DataSplits data = DatasetLoader.load(DatasetLoader.defaultDataRoot(), Dataset.MNIST, SplitKind.HINTON, 1);
        Path png = tmp.resolve("test-image-" + AppDrawings.TEST_IMAGE + ".png");
        ImageIO.write(AppDrawings.darkOnWhite(data.test(), AppDrawings.TEST_IMAGE, AppDrawings.TEST_IMAGE_PNG_SIZE), "png", png.toFile());

        List<Answers> models = new ArrayList<>();
        models.add(answers("bundled", DefaultModel.load(), null, png, data.test(), count));
        if (!file.isEmpty()) {
            Path model = Path.of(file);
            models.add(answers(file, Checkpoints.loadModel(model), model, png, data.test(), count));
        }
        Answers checked = models.get(models.size() - 1);

        List<String> broken = new ArrayList<>();
        if (checked.stroke().energyLabel() != AppDrawings.VERTICAL_ONE_LABEL)
            broken.add("GoodnessAppTest.drawingAStrokeGivesAPredictionAndTenEnergyBars: the vertical stroke reads as "
                    + checked.stroke().energyLabel() + ", not " + AppDrawings.VERTICAL_ONE_LABEL);
        int energy = checked.png().get("energy_label").getAsInt(), softmax = checked.png().get("softmax_label").getAsInt();
        if (energy != AppDrawings.TEST_IMAGE_LABEL || softmax != AppDrawings.TEST_IMAGE_LABEL)
            broken.add("PredictCliTest: test image " + AppDrawings.TEST_IMAGE + " reads as energy " + energy + ", softmax " + softmax
                    + ", not " + AppDrawings.TEST_IMAGE_LABEL + " / " + AppDrawings.TEST_IMAGE_LABEL);

        String report = report(models, broken);
        System.out.println(report);
        Path out = Path.of("target", "drawing-expectations.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        return broken.isEmpty();
    }

    private Answers answers(String name, FFNetwork net, Path file, Path png, LabeledImages test, int count) throws Exception {
        // The Draw tab's path: the stroke rasterised, preprocessed and scored on the prediction service.
        Prediction stroke;
        try (PredictionService service = new PredictionService()) {
            service.setModel(net, name);
            CompletableFuture<PredictionService.Result> result = new CompletableFuture<>();
            service.submitStrokes(List.of(AppDrawings.verticalOneStroke()), AppDrawings.PEN_RADIUS, AppDrawings.CANVAS_SIZE,
                    AppDrawings.CANVAS_SIZE, result::complete);
            stroke = result.get(60, TimeUnit.SECONDS).prediction();
        }
        // The CLI's path, as PredictCliTest runs it.
        List<String> args = new ArrayList<>(List.of("predict", "--json"));
        if (file != null) args.addAll(List.of("--model", file.toString()));
        args.add(png.toString());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        if (r.code() != 0) throw new IllegalStateException("predict with " + name + " failed: " + r.err());
        JsonObject pngAnswer = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        // Beyond the tests: MNIST test digits drawn on the canvas.
        int n = Math.min(count, test.count()), energyErrors = 0, softmaxErrors = 0;
        try (DigitPredictor predictor = new DigitPredictor(net)) {
            for (int i = 0; i < n; i++) {
                float[] canvas = AppDrawings.onCanvas(test, i);
                Prediction p = predictor.predict(DigitPreprocessor.preprocess(canvas, AppDrawings.CANVAS_SIZE, AppDrawings.CANVAS_SIZE).pixels());
                if (p.energyLabel() != test.label(i)) energyErrors++;
                if (p.softmaxLabel() != test.label(i)) softmaxErrors++;
            }
        }
        String described = name + " (" + net.config().presetName() + ", " + Models.shape(net.config()) + ", " + net.config().epochs() + "-epoch config)";
        return new Answers(described, stroke, pngAnswer, n, energyErrors, softmaxErrors);
    }

    private static String report(List<Answers> models, List<String> broken) {
        StringBuilder b = new StringBuilder("The app's drawing tests on ").append(models.size() == 1 ? "the bundled model" : "two models").append('\n');
        for (int m = 0; m < models.size(); m++) b.append(String.format(Locale.ROOT, "  model %d: %s%n", m + 1, models.get(m).name()));
        b.append(String.format(Locale.ROOT, "%-92s %-8s", "test: what it draws", "expects"));
        for (int m = 0; m < models.size(); m++) b.append(String.format(Locale.ROOT, " %-48s", "model " + (m + 1)));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-92s %-8s", "GoodnessAppTest (Draw tab): one near-vertical stroke, energy label", AppDrawings.VERTICAL_ONE_LABEL));
        for (Answers a : models) b.append(String.format(Locale.ROOT, " %-48s", strokeText(a.stroke())));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-92s %-8s", "PredictCliTest (predict, 3 tests): MNIST test image 0 as a 200x200 PNG, energy / softmax",
                AppDrawings.TEST_IMAGE_LABEL + " / " + AppDrawings.TEST_IMAGE_LABEL));
        for (Answers a : models) b.append(String.format(Locale.ROOT, " %-48s", pngText(a.png())));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-92s %-8s", "not a test: first " + models.get(0).drawnDigits()
                + " MNIST test digits drawn on the 280x280 canvas, errors energy / softmax", "-"));
        for (Answers a : models) b.append(String.format(Locale.ROOT, " %-48s", a.drawnEnergyErrors() + " / " + a.drawnSoftmaxErrors() + " of " + a.drawnDigits()));
        b.append('\n');
        b.append("(GoodnessScorerTest.aSingleDigitPredictionIsTheBatchScoreOfThatDigit compares two code paths on the bundled model and expects no label;\n"
                + " BadFileDialogTest and HostileInputCliTest damage the bundled model's config and hold for any recipe-A model.)\n");
        if (broken.isEmpty()) b.append("every expectation holds for model ").append(models.size()).append('\n');
        else for (String s : broken) b.append("BROKEN for model ").append(models.size()).append(": ").append(s).append('\n');
        return b.toString();
    }

    /** "1 (margin 123.4 over 7; softmax 1, p = 0.98)": the energy label, its lead over the runner-up, the softmax answer. */
    private static String strokeText(Prediction p) {
        if (p == null) return "no prediction";
        int second = PredictionService.runnerUp(p.energy());
        String s = String.format(Locale.ROOT, "%d (margin %.1f over %d", p.energyLabel(), p.energy()[p.energyLabel()] - p.energy()[second], second);
        if (p.softmax() != null) s += String.format(Locale.ROOT, "; softmax %d, p = %.2f", p.softmaxLabel(), p.softmax()[p.softmaxLabel()]);
        return s + ")";
    }

    private static String pngText(JsonObject o) {
        return o.get("energy_label").getAsInt() + " / " + o.get("softmax_label").getAsInt();
    }
}
