package goodness.ff.playground;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The playground's training: three stages per batch, recipe A's rules, deterministic for a seed. */
class PlaygroundTrainerTest {
    private static final PlaygroundSettings SMALL = PlaygroundSettings.parse("data=blobs;points=60;layers=8,8;batch=10;seed=3");

    private static float[] weights(PlaygroundTrainer t) {
        PlaygroundNetwork n = t.network();
        float[] all = new float[0];
        for (int l = 0; l < n.layers(); l++) {
            int o = all.length;
            all = Arrays.copyOf(all, o + n.w[l].length);
            System.arraycopy(n.w[l], 0, all, o, n.w[l].length);
        }
        return all;
    }

    @Test
    void theSameSeedTrainsTheSameWeightsAndAnotherSeedOthers() {
        PlaygroundTrainer a = new PlaygroundTrainer(SMALL), b = new PlaygroundTrainer(SMALL), c = new PlaygroundTrainer(SMALL.withSeed(4));
        for (int i = 0; i < 30; i++) {
            a.trainBatch();
            b.trainBatch();
            c.trainBatch();
        }
        assertArrayEquals(weights(a), weights(b));
        assertFalse(Arrays.equals(weights(a), weights(c)));
    }

    @Test
    void aBatchIsThreeStagesAndOnlyTheUpdateChangesTheWeights() {
        PlaygroundTrainer t = new PlaygroundTrainer(SMALL);
        float[] before = weights(t);
        assertNull(t.view(), "nothing to show before the first stage");

        assertEquals(PlaygroundTrainer.Stage.POSITIVE, t.advance());
        BatchView pos = t.view();
        assertEquals(1, pos.batch());
        assertEquals(10, pos.cases());
        assertNull(pos.negX(), "no negatives before the negative stage");
        assertArrayEquals(before, weights(t));

        assertEquals(PlaygroundTrainer.Stage.NEGATIVE, t.advance());
        BatchView neg = t.view();
        for (int i = 0; i < neg.cases(); i++) {
            assertEquals(neg.x()[i], neg.negX()[i], "random negatives keep the point");
            assertNotEquals(neg.label()[i], neg.negLabel()[i], "and change its class");
        }
        assertArrayEquals(pos.posGoodness()[1], neg.posGoodness()[1]);
        assertArrayEquals(before, weights(t));
        assertEquals(0, t.batches());

        assertEquals(PlaygroundTrainer.Stage.UPDATE, t.advance());
        assertEquals(1, t.batches());
        assertFalse(Arrays.equals(before, weights(t)));
        assertTrue(t.view().updateRms()[0] > 0);
        assertEquals(PlaygroundTrainer.Stage.POSITIVE, t.nextStage());
    }

    @Test
    void stagesRunOneByOneTrainExactlyAsWholeBatches() {
        PlaygroundTrainer stages = new PlaygroundTrainer(SMALL), whole = new PlaygroundTrainer(SMALL);
        for (int i = 0; i < 5; i++) {
            whole.trainBatch();
            for (int k = 0; k < 3; k++) stages.advance();
        }
        stages.advance();
        stages.trainBatch(); // finishes the started batch
        whole.trainBatch();
        assertEquals(6, stages.batches());
        assertArrayEquals(weights(whole), weights(stages));
    }

    @Test
    void unsupervisedNegativesKeepTheClassAndMoveThePoint() {
        for (PlaygroundNegatives mode : new PlaygroundNegatives[] {PlaygroundNegatives.UNIFORM, PlaygroundNegatives.MIX}) {
            PlaygroundTrainer t = new PlaygroundTrainer(SMALL.with("neg", mode.key()));
            t.advance();
            t.advance();
            BatchView v = t.view();
            int moved = 0;
            for (int i = 0; i < v.cases(); i++) {
                assertEquals(v.label()[i], v.negLabel()[i], mode + " keeps the class");
                assertTrue(Math.abs(v.negX()[i]) <= PlaygroundTrainer.PLANE && Math.abs(v.negY()[i]) <= PlaygroundTrainer.PLANE);
                if (v.negX()[i] != v.x()[i]) moved++;
            }
            assertTrue(moved > v.cases() / 2, mode + " moves the points");
        }
    }

    @Test
    void hardNegativesAreWrongClassesAndFavourTheBestScoredOne() {
        PlaygroundSettings s = SMALL.with("neg", "hard").with("temp", "0.01");
        PlaygroundTrainer t = new PlaygroundTrainer(s);
        for (int i = 0; i < 20; i++) t.trainBatch();
        t.advance();
        t.advance();
        BatchView v = t.view();
        PlaygroundNetwork net = t.network();
        PlaygroundNetwork.Buffers buf = net.buffers();
        double[] scores = new double[3];
        for (int i = 0; i < v.cases(); i++) {
            assertNotEquals(v.label()[i], v.negLabel()[i]);
            net.scores(v.x()[i], v.y()[i], s, buf, scores);
            scores[v.label()[i]] = Double.NEGATIVE_INFINITY;
            assertEquals(goodness.ff.FFMath.argmax(scores), v.negLabel()[i], "at a low temperature the hardest wrong class");
        }
    }

    @Test
    void liveSettingsApplyFromTheNextBatchAndStructuralOnesNeedAReset() {
        PlaygroundTrainer t = new PlaygroundTrainer(SMALL);
        t.advance();
        t.setLiveSettings(SMALL.with("batch", "5"));
        t.advance();
        assertEquals(10, t.view().cases(), "the started batch keeps its size");
        t.advance();
        t.advance();
        assertEquals(5, t.view().cases());
        assertThrows(IllegalArgumentException.class, () -> t.setLiveSettings(SMALL.with("layers", "8")));
    }

    @Test
    void peerNormalisationChangesTheUpdate() {
        PlaygroundTrainer off = new PlaygroundTrainer(SMALL), on = new PlaygroundTrainer(SMALL.with("peer", "on"));
        off.trainBatch();
        on.trainBatch();
        assertFalse(Arrays.equals(weights(off), weights(on)));
    }

    @Test
    void aBatchIsNeverLargerThanTheSetAndAnEmptySetTrainsNothing() {
        PlanePoints few = PlanePoints.generate(PlaneShape.MOONS, 2, 4, 0.05, 1);
        PlaygroundTrainer t = new PlaygroundTrainer(PlaygroundSettings.defaults(), few);
        t.trainBatch();
        assertEquals(4, t.view().cases());
        while (few.size() > 0) few.remove(0);
        assertFalse(t.trainBatch());
        assertNull(t.advance());
        assertEquals(1, t.batches());
    }
}
