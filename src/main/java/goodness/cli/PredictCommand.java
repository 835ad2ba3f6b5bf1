package goodness.cli;

import goodness.data.DigitPreprocessor;
import goodness.data.PreprocessedDigit;
import goodness.ff.DigitPredictor;
import goodness.ff.FFConfig;
import goodness.ff.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
                BufferedImage image;
                try {
                    image = read(file);
                } catch (CliException e) {
                    out.flush();
                    err.println("goodness: " + e.getMessage());
                    err.flush();
                    failed++;
                    continue;
                }
                PreprocessedDigit digit = DigitPreprocessor.preprocess(image);
                Prediction p = predictor.predict(digit.pixels());
                if (json) out.println(Json.GSON.toJson(Json.prediction(file.toString(), digit, p)));
                else human(out, file, image, digit, p);
                out.flush();
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** The image in {@code file}, or a {@link CliException} naming the file and the reason. */
    static BufferedImage read(Path file) {
        if (!Files.exists(file)) throw new CliException(file + ": file not found", 1);
        if (Files.isDirectory(file)) throw new CliException(file + ": is a folder, not an image", 1);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new CliException(file + ": cannot read the image: " + e.getMessage(), 1);
        } catch (RuntimeException e) {
            // Some decoders throw unchecked exceptions on damaged data.
            throw new CliException(file + ": cannot decode the image (damaged file?): " + e.getMessage(), 1);
        }
        if (image == null) throw new CliException(file + ": not a PNG or JPEG image (format not recognised)", 1);
        if (image.getWidth() < 1 || image.getHeight() < 1) throw new CliException(file + ": the image is empty (0 pixels)", 1);
        return image;
    }

    private void human(PrintStream out, Path file, BufferedImage image, PreprocessedDigit digit, Prediction p) {
        out.printf("%s (%dx%d): energy %d", file, image.getWidth(), image.getHeight(), p.energyLabel());
        if (p.softmax() != null) out.printf(", softmax %d (p=%.3f)", p.softmaxLabel(), p.softmax()[p.softmaxLabel()]);
        if (digit.empty()) out.print("  [no ink found: this is the prediction for a blank image]");
        out.println();
        out.print("  energy by label:");
        float[] e = p.energy();
        for (int c = 0; c < FFConfig.LABELS; c++) out.printf(" %s%d:%.1f", c == p.energyLabel() ? "*" : "", c, e[c]);
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
