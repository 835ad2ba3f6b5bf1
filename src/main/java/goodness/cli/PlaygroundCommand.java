package goodness.cli;

import com.google.gson.annotations.SerializedName;
import goodness.ff.InvalidConfigException;
import goodness.ff.playground.PlaneShape;
import goodness.ff.playground.PlanePoints;
import goodness.ff.playground.PlaygroundSettings;
import goodness.ff.playground.PlaygroundTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code playground}: the Playground tab's training, headless. The settings start from the
 * defaults (or {@code --settings}); each option given sets its key on top. Prints the accuracy
 * on the training points and on a fresh held-out sample of the same distribution.
 */
@Command(name = "playground", mixinStandardHelpOptions = true,
        description = {"Train the Playground tab's Forward-Forward network on a 2-D data set, headless, and print its training and held-out accuracy.",
                "Settings start from the defaults or --settings (the tab's settings string); each option given overrides its key."})
final class PlaygroundCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SET", description = "moons, circles, xor, spirals or blobs")
    String data;
    @Option(names = "--classes", description = "classes (spirals 2-3, blobs 3-5)")
    String classes;
    @Option(names = "--noise", description = "standard deviation of the noise on each coordinate, 0-1")
    String noise;
    @Option(names = "--points", paramLabel = "N", description = "training points, 4-10000")
    String points;
    @Option(names = "--layers", description = "hidden widths, e.g. 32,32,32 (1-4 layers of 2-64)")
    String layers;
    @Option(names = "--seed", description = "seed of the data, the weights and the training")
    String seed;
    @Option(names = "--settings", paramLabel = "STRING", description = "a settings string (key=value;...) as the tab's Copy gives it")
    String settings;
    @Option(names = "--steps", paramLabel = "N", defaultValue = "3000", description = "batches to train (default: ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--held-out", paramLabel = "N", defaultValue = "1000", description = "points in the held-out sample (default: ${DEFAULT-VALUE})")
    int heldOut;
    @Option(names = "--json", description = "one JSON object")
    boolean json;

    private record ResultJson(String settings, long batches, @SerializedName("train_points") int trainPoints,
                              @SerializedName("train_accuracy") double trainAccuracy, @SerializedName("held_out_points") int heldOutPoints,
                              @SerializedName("held_out_accuracy") double heldOutAccuracy, double seconds) {
    }

    @Override
    public Integer call() {
        if (steps < 0 || steps > 10_000_000) throw new CliException("--steps must be 0 to 10000000, got " + steps, 2);
        if (heldOut < 1 || heldOut > PlanePoints.MAX_POINTS) throw new CliException("--held-out must be 1 to " + PlanePoints.MAX_POINTS + ", got " + heldOut, 2);
        PlaygroundSettings s = settings != null ? PlaygroundSettings.parse(settings) : PlaygroundSettings.defaults();
        if (data != null) {
            // The data set with its own class count (or --classes): checking it with the old count would refuse blobs after moons.
            PlaneShape shape = PlaneShape.byKey(data.trim().toLowerCase(Locale.ROOT));
            if (shape == null) throw new InvalidConfigException("data", "'" + data + "' is not one of " + java.util.Arrays.toString(PlaneShape.values()));
            s = s.withShape(shape);
            if (classes == null) s = s.with("classes", String.valueOf(shape.defaultClasses()));
        }
        if (classes != null) s = s.with("classes", classes);
        if (noise != null) s = s.with("noise", noise);
        if (points != null) s = s.with("points", points);
        if (layers != null) s = s.with("layers", layers);
        if (seed != null) s = s.with("seed", seed);

        long start = System.nanoTime();
        PlaygroundTrainer trainer = new PlaygroundTrainer(s);
        for (int i = 0; i < steps; i++) trainer.trainBatch();
        double seconds = (System.nanoTime() - start) / 1e9;
        double train = trainer.accuracy();
        PlanePoints held = PlaygroundTrainer.heldOut(s, heldOut);
        double test = trainer.network().accuracy(held, s);

        PrintStream out = System.out;
        if (json) {
            out.println(Json.GSON.toJson(new ResultJson(s.toString(), trainer.batches(), s.points(), train, heldOut, test, seconds)));
        } else {
            out.println("settings: " + s);
            out.printf(Locale.ROOT, "%d batches in %.2f s: training accuracy %.1f %% (%d points), held-out %.1f %% (%d points)%n",
                    trainer.batches(), seconds, 100 * train, s.points(), 100 * test, heldOut);
        }
        return 0;
    }
}
