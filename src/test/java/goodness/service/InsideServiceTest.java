package goodness.service;

import goodness.ff.NegativeMode;
import goodness.service.ServiceTestSupport.Recorder;
import goodness.service.TrainingEvent.BatchProgress;
import goodness.service.TrainingEvent.NegativesSampled;
import goodness.service.TrainingEvent.ReceptiveFieldsSampled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static goodness.service.ServiceTestSupport.await;
import static goodness.service.ServiceTestSupport.tiny;
import static org.junit.jupiter.api.Assertions.*;

/** The Inside view's samples: published only while asked for, throttled, following the live negative mode. */
class InsideServiceTest {
    private static final Duration T = Duration.ofSeconds(60);
    private final Recorder rec = new Recorder();
    private TrainingService service;

    @AfterEach
    void close() {
        if (service != null) service.close();
    }

    private long batchesSeen() {
        List<BatchProgress> p = rec.of(BatchProgress.class);
        return p.isEmpty() ? -1 : p.get(p.size() - 1).batchCounter();
    }

    @Test
    void samplesArePublishedOnlyWhileTheViewAsksAndFollowTheNegativeMode() {
        service = new TrainingService(tiny(500), ServiceTestSupport::dataRoot);
        service.setProgressInterval(Duration.ZERO);
        service.addListener(rec);
        service.start();
        await("some batches", T, () -> batchesSeen() >= 20);
        assertTrue(rec.of(NegativesSampled.class).isEmpty(), "no negatives while no view asks");
        assertTrue(rec.of(ReceptiveFieldsSampled.class).isEmpty(), "no receptive fields while no view asks");

        service.setInsideRequest(new TrainingService.InsideRequest(true, true, true));
        await("a negatives sample", T, () -> !rec.of(NegativesSampled.class).isEmpty());
        await("receptive fields", T, () -> !rec.of(ReceptiveFieldsSampled.class).isEmpty());
        var fields = rec.of(ReceptiveFieldsSampled.class).get(0).fields();
        assertEquals(TrainingService.FIELD_UNITS, fields.units().length);
        assertTrue(fields.mostActive());
        assertEquals(TrainingService.FIELD_UNITS * 784, fields.weights().length);
        assertEquals(NegativeMode.HARD, rec.of(NegativesSampled.class).get(0).sample().mode());

        // Throttled: far fewer samples than batches.
        long b0 = batchesSeen();
        int n0 = rec.of(NegativesSampled.class).size();
        await("40 more batches", T, () -> batchesSeen() >= b0 + 40);
        int samples = rec.of(NegativesSampled.class).size() - n0;
        long batches = batchesSeen() - b0;
        assertTrue(samples < batches, samples + " samples in " + batches + " batches");
        assertTrue(rec.of(TrainingEvent.SettlingSampled.class).isEmpty(), "recipe A has no settling to sample, epochs ended or not");

        service.setNegativeMode(NegativeMode.MASK);
        await("a mask sample", T, () -> rec.of(NegativesSampled.class).stream().anyMatch(e -> e.sample().mode() == NegativeMode.MASK));
        var mask = rec.of(NegativesSampled.class).stream().filter(e -> e.sample().mode() == NegativeMode.MASK).findFirst().orElseThrow().sample();
        assertNotNull(mask.masks());
        assertNotNull(mask.sourceA());

        service.setInsideRequest(new TrainingService.InsideRequest(false, true, false));
        await("fixed-set fields", T, () -> rec.of(ReceptiveFieldsSampled.class).stream().anyMatch(e -> !e.fields().mostActive()));

        service.setInsideRequest(TrainingService.InsideRequest.NONE);
        long b1 = batchesSeen();
        await("the request to take effect", T, () -> batchesSeen() >= b1 + 3);
        int negs = rec.of(NegativesSampled.class).size(), flds = rec.of(ReceptiveFieldsSampled.class).size();
        long b2 = batchesSeen();
        await("30 more batches", T, () -> batchesSeen() >= b2 + 30);
        assertEquals(negs, rec.of(NegativesSampled.class).size(), "no negatives after the view closed");
        assertEquals(flds, rec.of(ReceptiveFieldsSampled.class).size(), "no fields after the view closed");
    }

    @Test
    void aRecurrentRunSamplesItsSettlingAtEveryEpochEndAndRefusesMaskNegativesWithOneMessage() {
        goodness.ff.FFConfig c = goodness.ff.FFConfig.recurrent().toBuilder().hiddenSizes(List.of(20, 20)).trainLimit(200)
                .epochs(2).evalEvery(0).backend("ejml").threads(1).recurrentSettings(new goodness.ff.RecurrentSettings(4, 0.3, 2, 3)).build();
        service = new TrainingService(c, ServiceTestSupport::dataRoot);
        service.addListener(rec);
        service.setNegativeMode(NegativeMode.MASK);
        service.start();
        await("the run's end", T, () -> !rec.of(TrainingEvent.TestEvaluated.class).isEmpty());

        List<TrainingEvent.SettlingSampled> samples = rec.of(TrainingEvent.SettlingSampled.class);
        assertEquals(List.of(0, 1), samples.stream().map(s -> s.curve().epoch()).toList(), "one sample per epoch");
        goodness.ff.scoring.SettlingCurve last = samples.get(1).curve();
        assertEquals(InsideSampler.SETTLING_IMAGES, last.images());
        assertEquals(5, last.trueLabel().length, "iterations 0..4");
        assertEquals(2, last.scoreFrom());
        assertEquals(last.trueLabel()[0], last.bestWrong()[0], 1e-9 * last.trueLabel()[0], "t = 0 does not see the label: every label ties");

        List<TrainingEvent.Failed> failed = rec.of(TrainingEvent.Failed.class);
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).message().contains("hard or random wrong labels"), failed.get(0).message());
        assertTrue(rec.of(TrainingEvent.SettingChanged.class).isEmpty(), "the run keeps its hard negatives");
    }
}
