package goodness.ff.negatives;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.SeededRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Mask generation, hybrids, random wrong labels. */
class NegativeStrategiesTest {
    private static final int DIM = FFConfig.IMAGE_PIXELS;

    @Test
    void maskIsBinaryBlurredAndAboutHalfOnes() {
        MaskHybrids h = new MaskHybrids();
        SeededRandom rng = new SeededRandom(7);
        float[] m = new float[DIM];
        double ones = 0, agree = 0, pairs = 0;
        int masks = 200;
        for (int k = 0; k < masks; k++) {
            h.makeMask(rng, m);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float v = m[y * 28 + x];
                    assertTrue(v == 0f || v == 1f, "mask must be binary");
                    ones += v;
                    if (x + 1 < 28) { pairs++; if (m[y * 28 + x + 1] == v) agree++; }
                    if (y + 1 < 28) { pairs++; if (m[(y + 1) * 28 + x] == v) agree++; }
                }
            }
        }
        double fracOnes = ones / (masks * DIM), fracAgree = agree / pairs;
        assertTrue(fracOnes > 0.35 && fracOnes < 0.65, "roughly half ones, got " + fracOnes);
        // Independent bits with p ~ 0.5 agree half of the time; blurring makes regions.
        assertTrue(fracAgree > 0.8, "neighbours agree far more often than chance, got " + fracAgree);
    }

    @Test
    void hybridsMixExactlyTwoTrainingImages() {
        int n = 20;
        float[] px = new float[n * DIM];
        int[] lab = new int[n];
        // Image i has every pixel equal to a distinct value, so a hybrid pixel names its source.
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(px, i * DIM, (i + 1) * DIM, (i + 1) / 32f);
            lab[i] = i % 10;
        }
        NegativeBatch b = new NegativeBatch(50);
        b.rows = 50;
        b.trainingSet = new LabeledImages(px, lab);
        b.rng = new SeededRandom(3);
        new MaskHybrids().makeNegatives(b);
        int twoSources = 0;
        for (int i = 0; i < b.rows; i++) {
            java.util.Set<Float> values = new java.util.HashSet<>();
            for (int j = 0; j < DIM; j++) values.add(b.negImages[i * DIM + j]);
            assertTrue(values.size() <= 2, "a hybrid mixes at most two images, got " + values.size());
            for (float v : values) assertEquals(0, Math.round(v * 32 * 1000) % 1000, "every pixel comes from one source image");
            if (values.size() == 2) twoSources++;
            assertTrue(b.negLabels[i] >= 0 && b.negLabels[i] < 10);
        }
        // Two random picks of 20 images coincide 1 time in 20.
        assertTrue(twoSources >= 40, "most hybrids show two different images, got " + twoSources);
    }

    @Test
    void randomNegativesNeverTheTrueLabelAndUniformOverTheOthers() {
        NegativeBatch b = new NegativeBatch(1000);
        b.rows = 1000;
        b.rng = new SeededRandom(11);
        RandomWrongLabels r = new RandomWrongLabels();
        int[][] counts = new int[10][10];
        for (int rep = 0; rep < 20; rep++) {
            for (int i = 0; i < b.rows; i++) b.labels[i] = i % 10;
            r.makeNegatives(b);
            for (int i = 0; i < b.rows; i++) {
                assertNotEquals(b.labels[i], b.negLabels[i]);
                counts[b.labels[i]][b.negLabels[i]]++;
            }
        }
        // 2000 draws per true label over 9 wrong labels: ~222 each; every wrong label must show up.
        for (int t = 0; t < 10; t++)
            for (int c = 0; c < 10; c++)
                if (c != t) assertTrue(counts[t][c] > 150 && counts[t][c] < 300, "label " + t + " -> " + c + ": " + counts[t][c]);
    }

    @Test
    void seededRandomNextIntCoversTheWholeRange() {
        SeededRandom r = new SeededRandom(5);
        int[] h = new int[9];
        for (int i = 0; i < 90_000; i++) h[r.nextInt(9)]++;
        for (int v : h) assertTrue(v > 9_000 && v < 11_000, java.util.Arrays.toString(h));
    }
}
