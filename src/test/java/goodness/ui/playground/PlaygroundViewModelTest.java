package goodness.ui.playground;

import goodness.ff.playground.PlaygroundSettings;
import goodness.ff.playground.PlaygroundTrainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.*;

/** The Playground's view model without a window: its worker tasks queued and run by the test, in order. */
class PlaygroundViewModelTest {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Executor worker = queue::add, fx = Runnable::run;
    private PlaygroundViewModel vm;

    @BeforeEach
    void smallSettings() {
        vm = new PlaygroundViewModel(worker, fx, PlaygroundSettings.parse("data=moons;points=40;layers=6,6;batch=10;seed=2"));
    }

    /** Runs the queued tasks (and what they queue), at most {@code max}. */
    private int drain(int max) {
        int n = 0;
        while (!queue.isEmpty() && n < max) {
            queue.poll().run();
            n++;
        }
        return n;
    }

    @Test
    void nothingIsComputedUntilTheTabShows() {
        assertTrue(queue.isEmpty());
        vm.shownProperty().set(true);
        drain(10);
        assertNotNull(vm.frameProperty().get());
        assertEquals(0, vm.batchesProperty().get());
        assertEquals(PlaygroundViewModel.GRID, vm.frameProperty().get().landscape().size());
    }

    @Test
    void stepBatchTrainsExactlyOneBatchAndStepStageOneStage() {
        vm.stepBatch();
        drain(10);
        assertEquals(1, vm.batchesProperty().get());
        vm.stepStage();
        drain(10);
        PlaygroundFrame f = vm.frameProperty().get();
        assertEquals(PlaygroundTrainer.Stage.POSITIVE, f.batch().done());
        assertEquals(1, f.batches());
        assertTrue(vm.stageTextProperty().get().startsWith("Batch 2 (10 cases), after the positive pass"), vm.stageTextProperty().get());
        vm.stepStage();
        drain(10);
        assertNotNull(vm.frameProperty().get().batch().negX(), "the negatives are shown after the negative pass");
        assertNull(vm.frameProperty().get().before());
        vm.stepStage();
        drain(10);
        f = vm.frameProperty().get();
        assertEquals(2, f.batches());
        assertNotNull(f.before(), "after an update stage the landscape from before it comes along");
        assertTrue(vm.stageTextProperty().get().contains("rms ΔW"));
    }

    @Test
    void aLiveSettingKeepsTheRunAndAStructuralOneResetsIt() {
        vm.stepBatch();
        drain(10);
        vm.field("lr").set("0.05");
        drain(10);
        assertEquals(0.05, vm.settingsProperty().get().rate());
        assertEquals(1, vm.batchesProperty().get(), "a new learning rate keeps the run");
        assertTrue(vm.settingsTextProperty().get().contains("lr=0.05;"));
        vm.field("layers").set("5");
        drain(10);
        assertEquals(0, vm.batchesProperty().get(), "new layers start a new run");
        assertEquals(1, vm.frameProperty().get().landscape().network().layers());
    }

    @Test
    void aBadValueIsRefusedNamingItsKeyAndChangesNothing() {
        PlaygroundSettings before = vm.settingsProperty().get();
        vm.field("noise").set("lots");
        assertEquals("invalid noise: 'lots' is not a number", vm.problemProperty().get());
        assertEquals("noise", vm.problemKeyProperty().get());
        assertEquals(before, vm.settingsProperty().get());
        vm.field("noise").set("0.2");
        assertEquals("", vm.problemProperty().get());
        assertEquals(0.2, vm.settingsProperty().get().noise());
    }

    @Test
    void theSettingsStringRoundTripsThroughTheFields() {
        String text = "data=blobs;classes=4;points=50;noise=0.07;layers=5,7;lr=0.2;momentum=0.8;wc=0.002;theta=1.5;temp=2;neg=hard;batch=7;"
                + "peer=on;score=upper;seed=9";
        vm.settingsTextProperty().set(text);
        vm.applySettingsText();
        assertEquals(PlaygroundSettings.parse(text), vm.settingsProperty().get());
        assertEquals(text, vm.settingsTextProperty().get());
        assertEquals("blobs", vm.field("data").get());
        assertEquals("5,7", vm.field("layers").get());
        assertTrue(vm.peerProperty().get());
        vm.settingsTextProperty().set("data=blobs;classes=9");
        vm.applySettingsText();
        assertTrue(vm.problemProperty().get().startsWith("invalid classes:"), vm.problemProperty().get());
        assertEquals(PlaygroundSettings.parse(text), vm.settingsProperty().get(), "a bad string changes nothing");
    }

    @Test
    void aNewDataSetKeepsTheClassCountOnlyWhereItFits() {
        vm.field("data").set("blobs");
        assertEquals("3", vm.field("classes").get());
        vm.field("classes").set("5");
        vm.field("data").set("xor");
        assertEquals("2", vm.field("classes").get());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void clicksAddAndRemovePoints() {
        vm.selectedClassProperty().set(1);
        vm.addPoint(1.2, 1.2);
        drain(10);
        var points = vm.frameProperty().get().points();
        assertEquals(41, points.size());
        assertEquals(1, points.label(points.nearest(1.2f, 1.2f)));
        vm.removeNearest(1.19, 1.21);
        drain(10);
        assertEquals(40, vm.frameProperty().get().points().size());
    }

    @Test
    void runningTrainsFrameAfterFrameUntilPausedOrHidden() {
        vm.shownProperty().set(true);
        vm.batchesPerFrameProperty().set(3);
        vm.start();
        drain(4);
        assertTrue(vm.batchesProperty().get() >= 6, "batches " + vm.batchesProperty().get());
        assertEquals(1, queue.size(), "one frame's task is queued at a time");
        vm.shownProperty().set(false);
        drain(5);
        assertTrue(queue.isEmpty(), "hidden: no more frames");
        long done = vm.batchesProperty().get();
        vm.shownProperty().set(true);
        drain(1);
        vm.pause();
        drain(5);
        assertTrue(queue.isEmpty());
        assertEquals(done + 3, vm.batchesProperty().get(), "a frame queued before the pause trains nothing");
    }

    @Test
    void framesPerSecondCountsTheFramesDrawnOverTheLastFiveSeconds() {
        for (int i = 0; i <= 100; i++) vm.frameDrawn(i * 50_000_000L);   // 20 per second for 5 s
        assertEquals(20, vm.framesPerSecondProperty().get(), 1e-9);
        vm.frameDrawn(100 * 50_000_000L + 1_000_000_000L);               // then a 1 s gap
        assertTrue(vm.framesPerSecondProperty().get() < 20);
    }
}
