package goodness.service;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.Recipe;
import goodness.ff.training.EpochMetrics;
import goodness.service.ServiceTestSupport.Recorder;
import goodness.service.TrainingEvent.BatchProgress;
import goodness.service.TrainingEvent.EpochCompleted;
import goodness.service.TrainingEvent.Failed;
import goodness.service.TrainingEvent.SettingChanged;
import goodness.service.TrainingEvent.StateChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static goodness.service.ServiceTestSupport.await;
import static goodness.service.ServiceTestSupport.tiny;
import static org.junit.jupiter.api.Assertions.*;

class TrainingServiceTest {
    private static final Duration T = Duration.ofSeconds(60);
    private final List<TrainingService> services = new ArrayList<>();
    private final Recorder rec = new Recorder();
    @TempDir
    Path tmp;

    private TrainingService service(FFConfig c) {
        TrainingService s = new TrainingService(c, ServiceTestSupport::dataRoot);
        s.setProgressInterval(Duration.ZERO);
        s.addListener(rec);
        services.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        for (TrainingService s : services) s.close();
        assertTrue(ServiceTestSupport.trainerThreads().isEmpty(), "a goodness-trainer thread is still alive");
    }

    private static void awaitState(TrainingService s, ServiceState st) {
        await("state " + st + " (now " + s.state() + ")", T, () -> s.state() == st);
    }

    private long batchesSeen() {
        List<BatchProgress> p = rec.of(BatchProgress.class);
        return p.isEmpty() ? -1 : p.get(p.size() - 1).batchCounter();
    }

    /**
     * A round trip through the trainer's command queue (it saves a checkpoint): when it returns,
     * the trainer has published every event of what it did before, so an event that is not
     * recorded by then did not happen. Events come in the order the trainer's thread made them.
     */
    private void roundTrip(TrainingService s) throws Exception {
        s.saveCheckpoint(Files.createTempFile(tmp, "round-trip", ".bin")).get(60, TimeUnit.SECONDS);
    }

    /** The batch counters published after the last change of state into {@code st}, up to the next change of state. */
    private List<Long> batchesWhileIn(ServiceState st) {
        List<TrainingEvent> events = rec.events();
        int from = -1;
        for (int i = 0; i < events.size(); i++) if (events.get(i) instanceof StateChanged c && c.to() == st) from = i;
        assertTrue(from >= 0, "never " + st + ": " + events);
        List<Long> out = new ArrayList<>();
        for (int i = from + 1; i < events.size() && !(events.get(i) instanceof StateChanged); i++)
            if (events.get(i) instanceof BatchProgress p) out.add(p.batchCounter());
        return out;
    }

    @Test
    void startPauseResumeStop() throws Exception {
        TrainingService s = service(tiny(500));
        s.start();
        await("some batches", T, () -> batchesSeen() >= 3);
        s.pause();
        awaitState(s, ServiceState.PAUSED);
        long at = batchesSeen();
        roundTrip(s);
        assertEquals(at, batchesSeen(), "no batch while paused");
        s.resume();
        awaitState(s, ServiceState.RUNNING);
        await("more batches", T, () -> batchesSeen() > at + 2);
        s.stop();
        awaitState(s, ServiceState.STOPPED);
        long stoppedAt = batchesSeen();
        roundTrip(s);
        assertEquals(stoppedAt, batchesSeen(), "no batch after the stop");
        assertEquals(List.of(), batchesWhileIn(ServiceState.PAUSED), "no batch between the pause and the resume");
        assertEquals(at + 1, batchesWhileIn(ServiceState.RUNNING).get(0), "the resumed run goes on at the batch after the pause");
        assertEquals(List.of(), batchesWhileIn(ServiceState.STOPPED), "no batch after the stop");
        assertTrue(rec.of(Failed.class).isEmpty(), () -> rec.of(Failed.class).toString());
    }

    @Test
    void doubleStartIsIgnored() throws Exception {
        TrainingService s = service(tiny(500));
        CompletableFuture<Void> a = s.start();
        CompletableFuture<Void> b = s.start();
        a.get(60, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> b.get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("already"), e.getCause().getMessage());
        assertEquals(1, rec.of(TrainingEvent.RunStarted.class).size());
        assertEquals(ServiceState.RUNNING, s.state());
        s.stop();
        awaitState(s, ServiceState.STOPPED);
    }

    @Test
    void commandsInAnyOrderAreSafe() throws Exception {
        TrainingService s = service(tiny(500));
        // Nothing to act on: all ignored without an exception.
        s.pause();
        s.resume();
        s.stop();
        s.setRateScale(2.0);
        s.reset(false);
        await("idle", T, () -> s.state() == ServiceState.IDLE);
        // Stop while paused, then resume (ignored), pause (ignored), stop again.
        s.start();
        s.pause();
        awaitState(s, ServiceState.PAUSED);
        s.stop();
        awaitState(s, ServiceState.STOPPED);
        s.resume();
        s.pause();
        s.stop();
        Path f = Files.createTempFile("goodness", ".bin");
        assertEquals(f, s.saveCheckpoint(f).get(60, TimeUnit.SECONDS), "the stopped run can still be saved");
        assertEquals(ServiceState.STOPPED, s.state());
        // A new start after stop works.
        s.start().get(60, TimeUnit.SECONDS);
        s.stop();
        awaitState(s, ServiceState.STOPPED);
        Files.deleteIfExists(f);
        assertTrue(rec.of(Failed.class).isEmpty(), () -> rec.of(Failed.class).toString());
    }

    @Test
    void stepEpochEndsPausedAfterExactlyOneMoreEpoch() throws Exception {
        TrainingService s = service(tiny(5));
        s.stepEpoch(); // from idle: starts and pauses after epoch 0
        awaitState(s, ServiceState.PAUSED);
        assertEquals(1, s.history().size());
        List<BatchProgress> p = rec.of(BatchProgress.class);
        assertEquals(10, p.get(p.size() - 1).batchCounter());
        s.resume();
        s.pause();
        awaitState(s, ServiceState.PAUSED);
        int before = s.history().size();
        s.stepEpoch();
        await("one more epoch", T, () -> s.history().size() == before + 1 && s.state() == ServiceState.PAUSED);
        roundTrip(s);
        assertEquals(before + 1, s.history().size());
        assertEquals(ServiceState.PAUSED, s.state());
        assertEquals(List.of(), batchesWhileIn(ServiceState.PAUSED), "no batch after the step's pause");
        List<BatchProgress> q = rec.of(BatchProgress.class);
        assertEquals(10L * (before + 1), q.get(q.size() - 1).batchCounter(), "paused exactly at the epoch boundary");
    }

    @Test
    void aSlowMotionStepTrainsExactlyOneBatchAndLeavesTheRunPaused() throws Exception {
        TrainingService s = service(tiny(5));
        var first = s.stepBatchSlowly().get(60, TimeUnit.SECONDS);   // from idle: starts, one batch, paused
        assertEquals(ServiceState.PAUSED, s.state());
        assertEquals(0, first.epoch());
        assertEquals(0, first.batch());
        var second = s.stepBatchSlowly().get(60, TimeUnit.SECONDS);
        assertEquals(1, second.batch(), "the next batch, not the same one again");
        roundTrip(s);
        List<BatchProgress> p = rec.of(BatchProgress.class);
        assertEquals(2, p.get(p.size() - 1).batchCounter(), "two batches in all");
        assertEquals(List.of(), batchesWhileIn(ServiceState.PAUSED), "no batch after the step's pause");
        assertEquals(3, second.positive().size(), "every layer's positive pass");
        assertFalse(java.util.Arrays.equals(first.unitChanges().get(0), second.unitChanges().get(0)), "each batch its own update");
    }

    @Test
    void resetWithSameSeedRepeatsTheFirstEpoch() {
        TrainingService s = service(tiny(3));
        s.stepEpoch();
        awaitState(s, ServiceState.PAUSED);
        EpochMetrics first = s.history().get(0);
        s.reset(false);
        awaitState(s, ServiceState.IDLE);
        assertEquals(1, rec.of(TrainingEvent.RunReset.class).size());
        s.stepEpoch();
        await("second first epoch", T, () -> s.state() == ServiceState.PAUSED && s.history().size() == 1);
        EpochMetrics again = s.history().get(0);
        assertEquals(first.trainLogCost(), again.trainLogCost());
        assertEquals(first.pairwiseErrors(), again.pairwiseErrors());
        assertEquals(first.goodnessPos(), again.goodnessPos());
        long seed = s.config().seed();
        s.reset(true);
        awaitState(s, ServiceState.IDLE);
        await("new seed", T, () -> rec.of(TrainingEvent.RunReset.class).size() == 2);
        assertNotEquals(seed, s.config().seed());
    }

    @Test
    void settingChangesApplyAtABatchBoundaryAndAreReported() {
        TrainingService s = service(tiny(500));
        s.start();
        await("batches", T, () -> batchesSeen() >= 5);
        s.pause();
        awaitState(s, ServiceState.PAUSED);
        long pausedAt = batchesSeen();
        s.setNegativeMode(NegativeMode.MASK);
        await("setting event", T, () -> rec.of(SettingChanged.class).size() == 1);
        SettingChanged c = rec.of(SettingChanged.class).get(0);
        assertEquals("negatives", c.what());
        assertEquals("hard", c.oldValue());
        assertEquals("mask", c.newValue());
        assertEquals(pausedAt, c.batchCounter(), "applied before the next batch");
        assertEquals(c.batchCounter(), (long) c.epoch() * 10 + c.batch());
        s.resume();
        await("batches", T, () -> batchesSeen() >= pausedAt + 3);
        // While running: reported with the batch counter at which it took effect.
        s.setNegativeMode(NegativeMode.RANDOM);
        s.setPhases(PhaseSchedule.symmetric(2));
        s.setRateScale(0.5);
        s.setThreads(2);
        await("four more setting events", T, () -> rec.of(SettingChanged.class).size() == 5);
        long randomAt = rec.of(SettingChanged.class).get(1).batchCounter();
        await("batches after", T, () -> batchesSeen() >= randomAt + 3);
        s.stop();
        awaitState(s, ServiceState.STOPPED);
        // Every batch before the change trained with the old mode, every batch after with the new.
        for (TrainingEvent e : rec.events()) {
            if (e instanceof BatchProgress b && b.batchCounter() > pausedAt) {
                NegativeMode expected = b.batchCounter() <= randomAt ? NegativeMode.MASK : NegativeMode.RANDOM;
                assertEquals(expected, b.snapshot().negatives(), "batch " + b.batchCounter());
            }
        }
        List<SettingChanged> all = rec.of(SettingChanged.class);
        assertEquals(List.of("negatives", "negatives", "phases", "rateScale", "threads"),
                all.stream().map(SettingChanged::what).toList());
        assertEquals("2:2", all.get(2).newValue());
        assertEquals(2, s.config().threads());
        assertTrue(rec.of(Failed.class).isEmpty(), () -> rec.of(Failed.class).toString());
    }

    @Test
    void shutdownWhileRunningLeavesNoTrainerThread() {
        TrainingService s = service(tiny(500));
        s.start();
        await("batches", T, () -> batchesSeen() >= 2);
        assertFalse(ServiceTestSupport.trainerThreads().isEmpty());
        s.shutdown();
        assertTrue(s.awaitTermination(Duration.ofSeconds(10)));
        assertTrue(ServiceTestSupport.trainerThreads().isEmpty());
        // Commands after shutdown fail cleanly.
        assertThrows(ExecutionException.class, () -> s.start().get(5, TimeUnit.SECONDS));
    }

    @Test
    void invalidConfigsReportFailedAndTheServiceStaysUsable() throws Exception {
        TrainingService s = service(tiny(500));
        // Recipe B runs through the same service.
        // No per-epoch evaluation: recipe B's scores all 10,000 test images, a minute on EJML under load.
        FFConfig sleep = FFConfig.sleep().toBuilder().trainLimit(1024).stepsPerBatch(2).backend("ejml").threads(1).evalEvery(0).build();
        assertEquals(Recipe.SLEEP, sleep.recipe());
        s.start(sleep).get(60, TimeUnit.SECONDS);
        await("recipe B batches", T, () -> batchesSeen() >= 1);
        s.stop();
        await("stopped", T, () -> !s.state().active());
        assertTrue(rec.of(Failed.class).isEmpty(), () -> "failures: " + rec.of(Failed.class));

        FFConfig tooMany = tiny(2).toBuilder().trainLimit(55_000).build(); // the HINTON split has 50,000
        assertThrows(ExecutionException.class, () -> s.start(tooMany).get(60, TimeUnit.SECONDS));
        awaitState(s, ServiceState.FAILED);
        Failed f = rec.of(Failed.class).get(0);
        assertEquals("start", f.command());
        assertEquals(1, rec.of(Failed.class).size());
        assertTrue(f.message().contains("trainLimit"), f.message());

        s.start(tiny(500)).get(60, TimeUnit.SECONDS);
        assertEquals(ServiceState.RUNNING, s.state());
        s.stop();
        awaitState(s, ServiceState.STOPPED);
    }

    @Test
    void missingDataIsReportedNotThrown() {
        TrainingService s = new TrainingService(tiny(2), () -> Path.of("/nonexistent/goodness-data"));
        services.add(s);
        s.addListener(rec);
        s.start();
        awaitState(s, ServiceState.FAILED);
        assertTrue(rec.of(Failed.class).get(0).message().contains("nonexistent"));
    }

    @Test
    void checkpointRoundTripThroughTheService(@TempDir Path dir) throws Exception {
        TrainingService s = service(tiny(3));
        s.stepEpoch();
        awaitState(s, ServiceState.PAUSED);
        Path file = dir.resolve("run.bin");
        s.saveCheckpoint(file).get(60, TimeUnit.SECONDS);
        assertTrue(Files.size(file) > 0);
        assertEquals(1, rec.of(TrainingEvent.CheckpointSaved.class).size());
        s.stepEpoch();
        await("epoch 1", T, () -> s.history().size() == 2 && s.state() == ServiceState.PAUSED);
        EpochMetrics second = s.history().get(1);

        s.loadCheckpoint(file).get(60, TimeUnit.SECONDS);
        assertEquals(ServiceState.PAUSED, s.state());
        TrainingEvent.CheckpointLoaded loaded = rec.of(TrainingEvent.CheckpointLoaded.class).get(0);
        assertEquals(1, loaded.epoch());
        assertEquals(0, loaded.batch());
        s.stepEpoch();
        await("epoch 1 again", T, () -> s.history().size() == 1 && s.state() == ServiceState.PAUSED);
        EpochMetrics again = s.history().get(0);
        assertEquals(1, again.epoch());
        assertEquals(second.trainLogCost(), again.trainLogCost());
        assertEquals(second.pairwiseErrors(), again.pairwiseErrors());

        assertThrows(ExecutionException.class, () -> s.loadCheckpoint(dir.resolve("missing.bin")).get(60, TimeUnit.SECONDS));
        assertEquals(ServiceState.PAUSED, s.state(), "a failed load keeps the run");
    }

    @Test
    void aFinishedRunEvaluatesTheTestSetAndPublishesModels() {
        TrainingService s = service(tiny(2));
        s.start();
        awaitState(s, ServiceState.FINISHED);
        assertEquals(2, rec.of(EpochCompleted.class).size());
        assertEquals(1, rec.of(TrainingEvent.TestEvaluated.class).size());
        assertNotNull(s.latestModel());
        assertEquals(2, s.latestModel().epoch());
    }

    @Test
    void modelSnapshotsWithinAnEpochOnlyWhenAskedFor() {
        TrainingService off = service(tiny(2));
        off.setSnapshotInterval(TrainingService.EPOCH_ENDS_ONLY);
        off.start();
        awaitState(off, ServiceState.FINISHED);
        List<TrainingEvent.ModelSnapshot> atEnds = rec.of(TrainingEvent.ModelSnapshot.class);
        assertEquals(2, atEnds.size(), "one per epoch end");
        for (TrainingEvent.ModelSnapshot m : atEnds) assertEquals(0, m.batch(), "taken at an epoch boundary");

        Recorder live = new Recorder();
        TrainingService on = new TrainingService(tiny(2), ServiceTestSupport::dataRoot);
        services.add(on);
        on.addListener(live);
        on.setSnapshotInterval(Duration.ZERO);
        on.start();
        awaitState(on, ServiceState.FINISHED);
        assertTrue(live.of(TrainingEvent.ModelSnapshot.class).stream().anyMatch(m -> m.batch() > 0),
                "with an interval of zero every batch inside an epoch publishes one");
    }
}
