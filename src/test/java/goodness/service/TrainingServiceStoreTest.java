package goodness.service;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.backend.BlasThreads;
import goodness.ff.backend.OpenBlasBackend;
import goodness.ff.io.Checkpoints;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.TrainingState;
import goodness.runs.RunJson;
import goodness.runs.RunStatus;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import goodness.runs.StoredRun;
import goodness.service.ServiceTestSupport.Recorder;
import goodness.service.TrainingEvent.EpochCompleted;
import goodness.service.TrainingEvent.RunStored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static goodness.service.ServiceTestSupport.await;
import static goodness.service.ServiceTestSupport.tiny;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The service's runs in the run store: autosave, kill and reopen, resume, divergence, and what it publishes. */
class TrainingServiceStoreTest {
    private static final Duration T = Duration.ofSeconds(120);
    private final List<TrainingService> services = new ArrayList<>();

    @TempDir
    Path tmp;

    private TrainingService service(FFConfig c, Path runs, Recorder rec) {
        TrainingService s = new TrainingService(c, ServiceTestSupport::dataRoot);
        s.setRunsDir(runs);
        s.setSnapshotInterval(TrainingService.EPOCH_ENDS_ONLY);
        if (rec != null) s.addListener(rec);
        services.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        for (TrainingService s : services) s.close();
    }

    private static void awaitState(TrainingService s, ServiceState st) {
        await("state " + st + " (now " + s.state() + ")", T, () -> s.state() == st);
    }

    private static List<String> withoutTiming(List<EpochMetrics> rows) {
        List<String> out = new ArrayList<>();
        for (EpochMetrics m : rows) {
            var o = RunJson.metrics(m);
            for (String f : List.of("seconds", "eval_seconds", "samples_per_second")) o.remove(f);
            out.add(o.toString());
        }
        return out;
    }

    private List<EpochMetrics> uninterrupted(FFConfig c) {
        TrainingService s = service(c, null, null);
        s.start();
        awaitState(s, ServiceState.FINISHED);
        return s.history();
    }

    @Test
    void aRunIsInTheStoreWithACheckpointAfterItsFirstEpochAndStoppedAfterStop() {
        Recorder rec = new Recorder();
        TrainingService s = service(tiny(50), tmp, rec);
        s.start();
        await("first epoch stored", T, () -> rec.of(RunStored.class).stream().anyMatch(e -> e.epoch() >= 1));
        RunSummary live = s.store().list().get(0);
        assertEquals(s.runName(), live.name());
        assertEquals(RunStatus.RUNNING, live.status());
        assertTrue(live.epochsDone() >= 1);
        assertTrue(Files.exists(tmp.resolve(live.name()).resolve("checkpoint.bin")));
        s.pause();
        awaitState(s, ServiceState.PAUSED);
        s.stop();
        awaitState(s, ServiceState.STOPPED);
        await("stopped in the store", T, () -> s.store().list().get(0).status() == RunStatus.STOPPED);
        assertTrue(s.store().list().get(0).message().startsWith("stopped at epoch"), s.store().list().get(0).message());
    }

    /**
     * A kill -9 leaves the disk as it stands at that instant. The listener runs on the training
     * thread right after the epoch-2 checkpoint, so the copy it takes of the run folder is
     * exactly such a disk (run.json still says running; nobody holds the lock).
     */
    /** Recipe A, and the two recipes of the paper's other experiments (unsupervised with its readout phase, recurrent). */
    static Stream<FFConfig> configs() {
        FFConfig a = tiny(4);
        FFConfig unsupervised = FFConfig.hintonUnsupervised().toBuilder().hiddenSizes(List.of(40, 40, 40, 40)).trainLimit(1000)
                .epochs(2).readoutEpochs(2).backend("ejml").threads(1).evalEvery(0).build();
        FFConfig recurrent = FFConfig.recurrent().toBuilder().hiddenSizes(List.of(30, 30)).trainLimit(1000)
                .epochs(4).backend("ejml").threads(1).evalEvery(0).build();
        return Stream.of(a, unsupervised, recurrent);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "[{index}] recipe A, unsupervised, recurrent")
    @org.junit.jupiter.params.provider.MethodSource("configs")
    void aKilledRunReopensAsStoppedAndResumesBitIdentically(FFConfig c) {
        List<EpochMetrics> reference = uninterrupted(c);

        Path crashed = tmp.resolve("crashed");
        AtomicBoolean copying = new AtomicBoolean(), copied = new AtomicBoolean();
        TrainingService first = service(c, tmp.resolve("live"), null);
        first.addListener(e -> {
            if (e instanceof RunStored r && r.epoch() == 2 && r.status() == RunStatus.RUNNING && copying.compareAndSet(false, true)) {
                copyFolder(r.folder(), crashed.resolve(r.folder().getFileName()));
                copied.set(true);
            }
        });
        first.start();
        await("the disk at epoch 2", T, copied::get);
        first.stop();

        Recorder rec = new Recorder();
        TrainingService second = service(c, crashed, rec);
        RunStore.Listing listing = second.store().scan();
        assertEquals(1, listing.runs().size(), () -> listing.problems() + " in " + crashed);
        RunSummary listed = listing.runs().get(0);
        assertEquals(RunStatus.STOPPED, listed.status(), "a run whose process died reads as stopped");
        assertEquals(2, listed.epochsDone());
        second.resumeRun(listed.name()).join();
        assertEquals(ServiceState.PAUSED, second.state());
        assertEquals(2, second.history().size(), "the stored epochs come back");
        second.resume();
        awaitState(second, ServiceState.FINISHED);
        assertEquals(withoutTiming(reference), withoutTiming(second.history()), "bit-identical to the uninterrupted run");
        StoredRun stored = second.store().load(listed.name());
        assertEquals(RunStatus.FINISHED, stored.summary().status());
        assertEquals(withoutTiming(reference), withoutTiming(stored.metrics()), "the store holds exactly one row per epoch");
        assertEquals(1, stored.provenance().resumedFrom().size());
        assertEquals(1, rec.of(TrainingEvent.HistoryRestored.class).size());
    }

    @Test
    void resumingRestoresTheLiveSettingsAndTheirHistory() {
        Recorder rec = new Recorder();
        TrainingService s = service(tiny(50), tmp, rec);
        s.start();
        await("epoch 1", T, () -> rec.of(EpochCompleted.class).size() >= 1);
        s.setNegativeMode(NegativeMode.MASK);
        s.setPhases(PhaseSchedule.symmetric(2));
        s.setRateScale(0.5);
        int before = rec.of(EpochCompleted.class).size();
        await("another epoch", T, () -> rec.of(EpochCompleted.class).size() >= before + 1);
        EpochCompleted last = rec.of(EpochCompleted.class).get(rec.of(EpochCompleted.class).size() - 1);
        assertEquals(last.metrics().gain() * 0.5, last.appliedGain(), 1e-12, "the published gain is the applied one");
        assertEquals(last.appliedGain() * 0.01, last.appliedRate(), 1e-12);
        s.stop();
        awaitState(s, ServiceState.STOPPED);
        String name = s.runName();

        Recorder rec2 = new Recorder();
        TrainingService t = service(tiny(50), tmp, rec2);
        t.resumeRun(name).join();
        LiveSettings restored = new LiveSettings(NegativeMode.MASK, PhaseSchedule.symmetric(2), 0.5, 1);
        assertEquals(restored, t.liveSettings());
        assertEquals(List.of(restored), rec2.of(TrainingEvent.LiveSettingsRestored.class).stream().map(e -> e.settings()).toList());
        TrainingEvent.RunStarted started = rec2.of(TrainingEvent.RunStarted.class).get(0);
        assertTrue(started.resumed());
        assertEquals(NegativeMode.MASK, started.config().negatives());
        assertEquals(PhaseSchedule.symmetric(2), started.config().phases());
        TrainingEvent.HistoryRestored h = rec2.of(TrainingEvent.HistoryRestored.class).get(0);
        assertEquals(3, h.changes().size(), h.changes().toString());
        assertTrue(rec2.of(TrainingEvent.SettingChanged.class).isEmpty(), "restoring sends no setting changes");
        assertEquals(tiny(50), t.store().load(name).config(), "config.json keeps the run's own config");
    }

    @Test
    void aDivergedRunKeepsItsLastGoodCheckpointAndCanBeResumed() {
        Recorder rec = new Recorder();
        TrainingService s = service(tiny(50), tmp, rec);
        s.start();
        await("epoch 1 stored", T, () -> rec.of(RunStored.class).stream().anyMatch(e -> e.epoch() >= 1));
        s.setRateScale(1e30);
        awaitState(s, ServiceState.FAILED);
        RunSummary r = s.store().list().get(0);
        assertEquals(RunStatus.DIVERGED, r.status());
        assertFalse(r.message().isBlank());
        assertTrue(r.epochsDone() >= 1);
        TrainingState good = Checkpoints.loadState(tmp.resolve(r.name()).resolve("checkpoint.bin"));
        assertEquals(r.epochsDone(), good.epoch());
        assertEquals(1e30, good.rateScale(), "the checkpoint holds the settings in force, taken when the gain changed");
        for (var w : good.network().weights) for (float v : w.data) assertTrue(Float.isFinite(v), "the kept weights are finite");
        s.resumeRun(r.name()).join();
        assertEquals(ServiceState.PAUSED, s.state());
        assertEquals(r.epochsDone(), s.history().size());
        assertEquals(1e30, s.liveSettings().rateScale());
        // The user lowers the gain that diverged and the run goes on.
        s.setRateScale(1);
        s.stepEpoch();
        await("an epoch after the rescue", T, () -> s.state() == ServiceState.PAUSED && s.history().size() == r.epochsDone() + 1);
        assertEquals(RunStatus.RUNNING, s.store().load(r.name()).summary().status());
    }

    @Test
    void closingTheServiceSavesTheRunWhereItStands() {
        Recorder rec = new Recorder();
        TrainingService s = service(tiny(50), tmp, rec);
        s.start();
        await("epoch 1 stored", T, () -> rec.of(RunStored.class).stream().anyMatch(e -> e.epoch() >= 1));
        s.pause();
        awaitState(s, ServiceState.PAUSED);
        s.close();
        RunSummary r = new RunStore(tmp).list().get(0);
        assertEquals(RunStatus.STOPPED, r.status());
        assertTrue(r.message().startsWith("the app closed at epoch"), r.message());
        assertTrue(r.resumable());
    }

    @Test
    void aConcurrentTestSetEvaluationLeavesTheTrainingsMetricsIdentical() throws Exception {
        assumeTrue(OpenBlasBackend.isAvailable(), "OpenBLAS is not available here");
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "OpenBLAS caps its threads at the cores it sees");
        FFConfig c = tiny(3).toBuilder().backend("openblas").threads(2).build();
        List<EpochMetrics> alone = uninterrupted(c);

        TrainingService s = service(c, null, null);
        var test = goodness.data.DatasetLoader.load(ServiceTestSupport.dataRoot(), goodness.data.Dataset.MNIST,
                goodness.data.SplitKind.HINTON, 1000).test();
        AtomicInteger evaluations = new AtomicInteger();
        AtomicReference<String> wrongThreads = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread gallery = new Thread(() -> {
            while (!stop.get()) {
                TrainingEvent.ModelSnapshot m = s.latestModel();
                if (m == null) {
                    Thread.onSpinWait();
                    continue;
                }
                TestSetEvaluator.evaluate(m.network(), test, 500);
                evaluations.incrementAndGet();
                int now = BlasThreads.current();
                if (now != 2) wrongThreads.compareAndSet(null, "OpenBLAS threads were " + now + " after an evaluation");
            }
        }, "gallery-evaluate");
        s.setSnapshotInterval(Duration.ofMillis(50));
        s.start();
        gallery.start();
        awaitState(s, ServiceState.FINISHED);
        stop.set(true);
        gallery.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(evaluations.get() >= 2, "evaluations ran during the training: " + evaluations.get());
        assertNull(wrongThreads.get());
        assertEquals(withoutTiming(alone), withoutTiming(s.history()));
    }

    @Test
    void theEtaCountsTheEvaluationsLeft() {
        FFConfig c = FFConfig.hinton(); // 125 epochs, evaluation every 5
        assertEquals(26, TrainingEta.evaluationsLeft(c, 0), "25 periodic + the final test set");
        assertEquals(1 + 1, TrainingEta.evaluationsLeft(c, 124));
        EpochMetrics evaluated = new EpochMetrics(4, 1, 10, List.of(1, 1, 1), List.of(), List.of(), List.of(), 1, 1, 1,
                null, null, 9.0, 13.0, 5000, NegativeMode.HARD, PhaseSchedule.unseparated(), 50000, 10000);
        double trainingOnly = 120 * 500 * 100 / 5000.0;
        assertEquals(trainingOnly, TrainingEta.seconds(c, 5, 0, 500, 5000, List.of()), 1e-9, "before any evaluation is measured");
        assertEquals(trainingOnly + 25 * 13.0, TrainingEta.seconds(c, 5, 0, 500, 5000, List.of(evaluated)), 1e-9);
    }

    private static void copyFolder(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
