package goodness.cli;

import goodness.data.DataFileException;
import goodness.data.DigitPreprocessor;
import goodness.data.ImageFiles;
import goodness.data.PreprocessedDigit;
import goodness.ff.FFConfig;
import goodness.ff.scoring.DigitPredictor;
import goodness.ff.scoring.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code predict}: classifies image files of any size (PNG, JPEG, or any format ImageIO reads)
 * after the same preprocessing as the drawing canvas. Every readable file is processed; each
 * unreadable one is reported as one line on stderr, and the exit code is then 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the digit in image files (PNG/JPEG, any size, dark ink on light paper or the reverse).",
                "Files that cannot be read are reported on stderr one line each; the others are still predicted, and the exit code is 1."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--json", description = "one JSON object per image")
    boolean json;

    @Option(names = "--model", paramLabel = "FILE", description = "model file (.ffm) or training checkpoint (default: the bundled model)")
    Path model;
    @Option(names = "--show", description = "print the preprocessed 28x28 digit as ASCII art")
    boolean show;
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image files")
    List<Path> images;

    /** Darkest to brightest ink. */
    private static final String RAMP = " .:-=+*#%@";

    @Override
    public Integer call() {
        PrintStream out = System.out, err = System.err;
        Models.Loaded loaded = Models.load(model);
        int failed = 0;
        try (DigitPredictor predictor = new DigitPredictor(loaded.network())) {
            if (!json) out.printf("model: %s%n", loaded.name());
            for (Path file : images) {
                try {
                    BufferedImage image = read(file);
                    PreprocessedDigit digit = DigitPreprocessor.preprocess(image);
                    Prediction p = predictor.predict(digit.pixels());
                    if (json) out.println(Json.GSON.toJson(Json.prediction(file.toString(), digit, p)));
                    else human(out, file, image, digit, p);
                    out.flush();
                } catch (CliException | DataFileException e) {
                    failed++;
                    report(out, err, e.getMessage());
                } catch (OutOfMemoryError e) {
                    // The image's arrays are garbage now; the next image starts afresh.
                    failed++;
                    report(out, err, file + ": " + GoodnessCli.describe(e));
                } catch (RuntimeException e) {
                    failed++;
                    report(out, err, file + ": " + GoodnessCli.describe(e));
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** One line on stderr for an image that could not be predicted; the others go on. */
    private static void report(PrintStream out, PrintStream err, String message) {
        out.flush();
        err.println("goodness: " + message);
        err.flush();
    }

    /** The image in {@code file}, or a {@link DataFileException} naming the file and the reason ({@link ImageFiles}). */
    static BufferedImage read(Path file) {
        return ImageFiles.read(file);
    }

    private void human(PrintStream out, Path file, BufferedImage image, PreprocessedDigit digit, Prediction p) {
        out.printf("%s (%dx%d): ", file, image.getWidth(), image.getHeight());
        if (p.hasEnergy()) out.printf("energy %d", p.energyLabel());
        if (p.softmax() != null) out.printf("%ssoftmax %d (p=%.3f)", p.hasEnergy() ? ", " : "", p.softmaxLabel(), p.softmax()[p.softmaxLabel()]);
        if (digit.empty()) out.print("  [no ink found: this is the prediction for a blank image]");
        out.println();
        // The unsupervised network has no energy score: its readout's probabilities instead.
        out.print(p.hasEnergy() ? "  energy by label:" : "  readout by label:");
        float[] e = p.scores();
        for (int c = 0; c < FFConfig.LABELS; c++) out.printf(p.hasEnergy() ? " %s%d:%.1f" : " %s%d:%.3f", c == p.label() ? "*" : "", c, e[c]);
        out.println();
        if (show) {
            float[] px = digit.pixels();
            for (int r = 0; r < 28; r++) {
                StringBuilder b = new StringBuilder("  |");
                for (int col = 0; col < 28; col++) {
                    float v = Math.max(0f, Math.min(1f, px[r * 28 + col]));
                    char ch = RAMP.charAt(Math.min(RAMP.length() - 1, (int) (v * RAMP.length())));
                    b.append(ch).append(ch);
                }
                out.println(b.append('|'));
            }
        }
    }
}
