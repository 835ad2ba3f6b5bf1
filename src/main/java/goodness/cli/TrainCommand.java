package goodness.cli;

import com.google.gson.JsonObject;
import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.Recipe;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingDivergedException;
import goodness.ff.training.TrainingState;
import goodness.runs.CodeVersion;
import goodness.runs.RunEvent;
import goodness.runs.RunProvenance;
import goodness.runs.RunStore;
import goodness.runs.RunWriter;
import goodness.runs.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code train}: a full run with the seed's log on stdout, written as a run folder of the run
 * store ({@link RunWriter}: metrics, a checkpoint after every epoch, events, status, the final
 * model and result), so that an interrupted run resumes from its last finished epoch and the
 * app lists it.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a Forward-Forward network (recipe A by default) and log every epoch.")
final class TrainCommand implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Mixin CommonOptions common;

    @Option(names = "--out", description = "the run's folder (default: <runs-dir>/<preset>-<dataset>-s<seed>-<time>)")
    Path out;
    @Option(names = "--runs-dir", paramLabel = "DIR", description = "the run store the run's folder is named under (default: runs)")
    Path runsDir;
    @Option(names = "--resume", description = {"continue from this checkpoint (its config is used; of the options only --threads and --backend apply,",
            "and --epochs to extend a recipe-B run, whose constant Adam step makes more epochs a plain continuation)"})
    Path resume;
    @Option(names = "--checkpoint-every", description = "write checkpoint.bin every N epochs (1)", defaultValue = "1")
    int checkpointEvery;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;
    @Option(names = "--stop-after", paramLabel = "N", description = {"stop after N epochs of this invocation, leaving checkpoint.bin",
            "(no test evaluation, no model.ffm); continue later with --resume"})
    Integer stopAfter;

    @Override
    public Integer call() {
        PrintStream stdout = System.out;
        if (checkpointEvery < 1) throw new IllegalArgumentException("--checkpoint-every must be >= 1, got " + checkpointEvery);
        if (stopAfter != null && stopAfter < 1) throw new IllegalArgumentException("--stop-after must be >= 1, got " + stopAfter);
        if (out != null && runsDir != null) throw new IllegalArgumentException("--out and --runs-dir name the run's folder two ways; give one");
        TrainingState stored = resume != null ? Checkpoints.loadState(resume) : null;
        TrainingState state = stored != null ? withResumeSettings(stored) : null;
        FFConfig config = state != null ? state.config() : options.toConfig();
        // A new folder in the store is named (and made) only once the run can start.
        Path dir = out != null ? out : resume != null ? resume.toAbsolutePath().getParent() : null;

        // Data and trainer first: a start that fails here leaves nothing on disk.
        DataSplits data = Trainers.loadData(common.dataRoot(), config);
        try (Trainer trainer = state != null ? Trainers.resume(state, data, Trainers.backendFor(config))
                : Trainers.create(config, data, Trainers.backendFor(config))) {
            RunProvenance provenance = new RunProvenance("cli", CodeVersion.current(), Instant.now(), config.seed(),
                    common.dataRoot().toAbsolutePath().toString(), config.dataset().folder(), Trainers.splitOf(config.recipe()).name(),
                    data.train().count(), data.valid().count(), data.test().count(), List.of());
            Path folder = dir != null ? dir : defaultOut(config);
            try (RunWriter run = state != null ? RunWriter.resume(folder, state, resume, provenance) : RunWriter.create(folder, config, provenance)) {
                if (state != null) recordResumeChanges(run, trainer, stored);
                return train(trainer, run, config, data, state != null, stdout);
            }
        }
    }

    private int train(Trainer trainer, RunWriter run, FFConfig config, DataSplits data, boolean resumed, PrintStream stdout) {
        Path dir = run.folder(), checkpoint = run.checkpointFile();
        if (!common.json) {
            stdout.printf("%s run: %s, %d train / %d valid / %d test images, %d batches of %d per epoch, backend %s x%d threads, seed %d%n",
                    config.presetName(), config.dataset().folder(), data.train().count(), data.valid().count(), data.test().count(),
                    trainer.batchesPerEpoch(), config.batchSize(), config.backend(), config.threads(), config.seed());
            stdout.printf("output: %s%s%n", dir, resumed ? " (resumed at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch() + ")" : "");
        }
        ConsoleListener console = new ConsoleListener(stdout, new Progress(!noProgress && !common.json));
        TrainingRun loop = new TrainingRun(trainer, TrainingRun.Record.of(run), console, checkpointEvery, TrainingRun.FinalTest.FULL);
        try {
            int epochs = stopAfter != null ? stopAfter : Integer.MAX_VALUE;
            String why = "stopped after " + epochs + " epoch" + (epochs == 1 ? "" : "s") + " as asked (--stop-after)";
            if (loop.run(epochs, why) == TrainingRun.Outcome.STOPPED) {
                if (common.json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("stopped_after", epochs);
                    o.addProperty("epochs_done", trainer.epoch());
                    o.addProperty("checkpoint", checkpoint.toString());
                    stdout.println(Json.GSON.toJson(o));
                } else stdout.printf("stopped after %d epoch%s as asked (--stop-after); %d of %d done; continue with: goodness train --resume %s%n",
                        epochs, epochs == 1 ? "" : "s", trainer.epoch(), config.totalEpochs(), checkpoint);
                return 0;
            }
            TrainingRun.Ending end = loop.ending();
            TestResult t = end.test();
            Path model = dir.resolve("model.ffm");
            if (common.json) {
                JsonObject o = Json.test(t);
                o.addProperty("wall_seconds", end.wallSeconds());
                o.addProperty("model", model.toString());
                stdout.println(Json.GSON.toJson(o));
            } else {
                stdout.println(t.seedStyle());
                stdout.printf("wall time %.1f s; model written to %s%n", end.wallSeconds(), model);
            }
            return 0;
        } catch (TrainingDivergedException e) {
            throw new CliException(e.getMessage() + (Files.exists(checkpoint) ? "; last good checkpoint: " + checkpoint : ""), 3);
        }
    }

    /** The seed's log on stdout: a progress bar through each epoch, then the epoch's line. */
    private final class ConsoleListener implements TrainingRun.Listener {
        private final PrintStream stdout;
        private final Progress progress;
        private long epochStart = System.nanoTime();
        private int startBatch = -1;

        ConsoleListener(PrintStream stdout, Progress progress) {
            this.stdout = stdout;
            this.progress = progress;
        }

        @Override
        public void batchTrained(Trainer t) {
            if (startBatch < 0) startBatch = t.batchInEpoch() - 1;
            int n = t.batchesPerEpoch(), done = t.batchInEpoch(), size = t.config().batchSize();
            double rate = (done - startBatch) * size / ((System.nanoTime() - epochStart) / 1e9);
            progress.update(String.format("epoch %3d", t.epoch()), done, n, rate, (n - done) * size / rate);
        }

        @Override
        public void epochEnded(EpochMetrics m, Trainer t) {
            progress.clear();
            stdout.println(common.json ? Json.GSON.toJson(Json.epoch(m)) : m.seedStyle());
            stdout.flush();
            epochStart = System.nanoTime();
            startBatch = 0;
        }
    }

    /** A resume with other --threads, --backend or (recipe B) --epochs is a setting change of the run: events.jsonl records it. */
    private static void recordResumeChanges(RunWriter run, Trainer t, TrainingState stored) {
        FFConfig before = stored.config(), now = t.config();
        if (before.epochs() != now.epochs())
            run.event(new RunEvent(t.epoch(), t.batchInEpoch(), t.batchesPerEpoch(), t.batchCounter(), "epochs",
                    Integer.toString(before.epochs()), Integer.toString(now.epochs()), Instant.now()));
        if (before.threads() != now.threads())
            run.event(new RunEvent(t.epoch(), t.batchInEpoch(), t.batchesPerEpoch(), t.batchCounter(), "threads",
                    Integer.toString(before.threads()), Integer.toString(now.threads()), Instant.now()));
        if (!before.backend().equals(now.backend()))
            run.event(new RunEvent(t.epoch(), t.batchInEpoch(), t.batchesPerEpoch(), t.batchCounter(), "backend",
                    before.backend(), now.backend(), Instant.now()));
    }

    /**
     * On resume the checkpoint's config rules, except for the settings that only change speed
     * (--threads, --backend), which the user may change, e.g. to free a core, and a recipe-B
     * run's epochs, which may grow: its Adam step is constant, so the extra epochs continue the
     * run exactly as if it had been configured longer. Recipe A's gain schedule is laid out over
     * its configured epochs, so there more epochs would change the epochs already trained.
     */
    private TrainingState withResumeSettings(TrainingState s) {
        Integer epochs = options.epochs;
        if (epochs != null && epochs != s.config().epochs()) {
            if (s.config().recipe() != Recipe.SLEEP)
                throw new IllegalArgumentException("--epochs with --resume extends only a recipe-B (sleep) run; this " + s.config().presetName()
                        + " run's gain schedule is laid out over its " + s.config().epochs() + " epoch" + (s.config().epochs() == 1 ? "" : "s")
                        + " (start a new run for more)");
            if (epochs < s.config().epochs())
                throw new IllegalArgumentException("--epochs " + epochs + " with --resume is fewer than the run's " + s.config().epochs()
                        + "; it can only extend a run (--stop-after stops one early)");
        } else epochs = null;
        if (options.threads == null && options.backend == null && epochs == null) return s;
        FFConfig.Builder b = s.config().toBuilder();
        if (epochs != null) b.epochs = epochs;
        if (options.threads != null) b.threads = options.threads;
        if (options.backend != null) b.backend = options.backend.toLowerCase();
        return s.withConfig(b.build());
    }

    private Path defaultOut(FFConfig c) {
        return new RunStore(runsDir != null ? runsDir : RunStore.defaultRoot()).newRunFolder(c);
    }
}
