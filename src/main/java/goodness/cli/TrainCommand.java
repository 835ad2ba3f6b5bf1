package goodness.cli;

import com.google.gson.JsonObject;
import goodness.data.DataSplits;
import goodness.ff.Checkpoints;
import goodness.ff.EpochMetrics;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.TestResult;
import goodness.ff.Trainer;
import goodness.ff.TrainingDivergedException;
import goodness.ff.TrainingState;
import goodness.ff.Trainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code train}: a full run with the seed's log on stdout, metrics files, a checkpoint after
 * every epoch (atomic, so an interrupted run resumes from the last finished epoch) and the
 * final model.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a Forward-Forward network (recipe A by default) and log every epoch.")
final class TrainCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Mixin CommonOptions common;

    @Option(names = "--out", description = "output folder (default: runs/<preset>-<dataset>-s<seed>-<time>)")
    Path out;
    @Option(names = "--resume", description = "continue from this checkpoint (its config is used; of the options only --threads and --backend apply)")
    Path resume;
    @Option(names = "--checkpoint-every", description = "write checkpoint.bin every N epochs (1)", defaultValue = "1")
    int checkpointEvery;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;
    @Option(names = "--stop-after", paramLabel = "N", description = {"stop after N epochs of this invocation, leaving checkpoint.bin",
            "(no test evaluation, no model.ffm); continue later with --resume"})
    Integer stopAfter;

    @Override
    public Integer call() throws IOException {
        PrintStream stdout = System.out;
        TrainingState state = resume != null ? withSpeedSettings(Checkpoints.loadState(resume)) : null;
        FFConfig config = state != null ? state.config() : options.toConfig();
        if (checkpointEvery < 1) throw new IllegalArgumentException("--checkpoint-every must be >= 1, got " + checkpointEvery);
        if (stopAfter != null && stopAfter < 1) throw new IllegalArgumentException("--stop-after must be >= 1, got " + stopAfter);
        Path dir = out != null ? out : resume != null ? resume.toAbsolutePath().getParent() : defaultOut(config);
        Files.createDirectories(dir);
        Path checkpoint = dir.resolve("checkpoint.bin");
        Files.writeString(dir.resolve("config.json"), Json.GSON.toJson(Json.config(config)), StandardCharsets.UTF_8);

        DataSplits data = Trainers.loadData(common.dataRoot(), config);
        try (Trainer trainer = state != null ? Trainers.resume(state, data, Trainers.backendFor(config))
                : Trainers.create(config, data, Trainers.backendFor(config));
             MetricsFiles metrics = new MetricsFiles(dir, config.layerCount(), state != null)) {
            if (!common.json) {
                stdout.printf("%s run: %s, %d train / %d valid / %d test images, %d batches of %d per epoch, backend %s x%d threads, seed %d%n",
                        config.preset().id(), config.dataset().folder(), data.train().count(), data.valid().count(), data.test().count(),
                        trainer.batchesPerEpoch(), config.batchSize(), config.backend(), config.threads(), config.seed());
                stdout.printf("output: %s%s%n", dir, state != null ? " (resumed at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch() + ")" : "");
            }
            Progress progress = new Progress(!noProgress && !common.json);
            long runStart = System.nanoTime();
            int epochsThisRun = 0;
            while (!trainer.finished()) {
                int n = trainer.batchesPerEpoch();
                long epochStart = System.nanoTime();
                int startBatch = trainer.batchInEpoch();
                while (trainer.batchInEpoch() < n) {
                    trainer.trainBatch();
                    int done = trainer.batchInEpoch();
                    double secs = (System.nanoTime() - epochStart) / 1e9;
                    double rate = (done - startBatch) * config.batchSize() / secs;
                    progress.update(String.format("epoch %3d", trainer.epoch()), done, n, rate, (n - done) * config.batchSize() / rate);
                }
                progress.clear();
                EpochMetrics m = trainer.finishEpoch();
                metrics.write(m);
                if (common.json) stdout.println(Json.GSON.toJson(Json.epoch(m)));
                else stdout.println(m.seedStyle());
                stdout.flush();
                epochsThisRun++;
                boolean stop = stopAfter != null && epochsThisRun >= stopAfter && !trainer.finished();
                if (trainer.epoch() % checkpointEvery == 0 || trainer.finished() || stop) Checkpoints.saveState(trainer.state(), checkpoint);
                if (stop) {
                    if (common.json) {
                        JsonObject o = new JsonObject();
                        o.addProperty("stopped_after", epochsThisRun);
                        o.addProperty("epochs_done", trainer.epoch());
                        o.addProperty("checkpoint", checkpoint.toString());
                        stdout.println(Json.GSON.toJson(o));
                    } else stdout.printf("stopped after %d epoch%s as asked (--stop-after); %d of %d done; continue with: goodness train --resume %s%n",
                            epochsThisRun, epochsThisRun == 1 ? "" : "s", trainer.epoch(), config.epochs(), checkpoint);
                    return 0;
                }
            }
            TestResult t = trainer.evaluateTest();
            double total = (System.nanoTime() - runStart) / 1e9;
            Path model = dir.resolve("model.ffm");
            Checkpoints.saveModel(trainer.network(), model);
            JsonObject result = Json.test(t);
            result.addProperty("wall_seconds", total);
            result.add("config", Json.config(config));
            Files.writeString(dir.resolve("result.json"), Json.GSON.toJson(result), StandardCharsets.UTF_8);
            if (common.json) {
                JsonObject o = Json.test(t);
                o.addProperty("wall_seconds", total);
                o.addProperty("model", model.toString());
                stdout.println(Json.GSON.toJson(o));
            } else {
                stdout.println(t.seedStyle());
                stdout.printf("wall time %.1f s; model written to %s%n", total, model);
            }
            return 0;
        } catch (TrainingDivergedException e) {
            throw new CliException(e.getMessage() + (Files.exists(checkpoint) ? "; last good checkpoint: " + checkpoint : ""), 3);
        }
    }

    /**
     * On resume the checkpoint's config rules, except for the settings that only change speed
     * (--threads, --backend), which the user may change, e.g. to free a core.
     */
    private TrainingState withSpeedSettings(TrainingState s) {
        if (options.threads == null && options.backend == null) return s;
        FFConfig.Builder b = s.config().toBuilder();
        if (options.threads != null) b.threads = options.threads;
        if (options.backend != null) b.backend = options.backend.toLowerCase();
        FFConfig c = b.build();
        FFNetwork net = FFNetwork.of(c, s.network().weights, s.network().biases, s.network().readout, s.network().topLayer);
        return new TrainingState(c, net, s.epoch(), s.batchInEpoch(), s.batchCounter(), s.order(), s.rngState(), s.negatives(),
                s.phases(), s.rateScale(), s.buffers(), s.accumulators());
    }

    private static Path defaultOut(FFConfig c) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", c.preset().id() + "-" + c.dataset().folder() + "-s" + c.seed() + "-" + time);
    }
}
