package goodness.ui.draw;

import goodness.ff.scoring.RecurrentInference;
import goodness.service.PredictionService;
import goodness.ui.ColorMaps;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The settling chart's data, from a hand-made run of 3 iterations, 2 layers (4 and 300 units): no window. */
class SettlingDataTest {
    private static final int T = 3, WIDE = 300;

    /** Label c's goodness at t in layer l is c·10 + t + l; its states grow with t; label 7 wins. */
    private static PredictionService.Settling run() {
        float[][][] g = new float[10][T + 1][2];
        float[][][][] a = new float[10][T + 1][2][];
        float[] score = new float[10];
        for (int c = 0; c < 10; c++)
            for (int t = 0; t <= T; t++) {
                for (int l = 0; l < 2; l++) g[c][t][l] = c == 7 ? 100 + t : c * 10 + t + l;
                a[c][t][0] = new float[] {0, t, 2 * t, 0.5f};
                a[c][t][1] = new float[WIDE];
                for (int j = 0; j < WIDE; j++) a[c][t][1][j] = (j % 7) * t;   // units 6, 13, 20, ... most active
            }
        return new PredictionService.Settling(new RecurrentInference.Result(g, a, score, 7), 2, 3);
    }

    @Test
    void eachLabelsLineIsItsGoodnessSummedOverTheLayersAtEveryIteration() {
        SettlingData s = SettlingData.of(run());
        assertEquals(10, s.goodness().length);
        assertEquals(T, s.iterations());
        assertEquals(4 * 10 + 2 + 4 * 10 + 2 + 1, s.goodness()[4][2], 1e-9, "label 4, t = 2: (40 + 2) + (40 + 2 + 1)");
        assertEquals(2 * 103, s.goodness()[7][3], 1e-9);
        assertEquals(7, s.winner());
        assertEquals(2, s.scoreFrom());
        assertEquals(3, s.scoreTo());
        assertEquals(7, s.leaderAt(0));
        assertEquals(0, new SettlingData(new double[][] {{1, 2}, {1, 5}}, 1, 1, 1, java.util.List.of(), new int[0][], new double[0][]).leaderAt(0),
                "a tie goes to the lower label");
    }

    @Test
    void theWinnersStripsShowEveryIterationOfTheMostActiveUnits() {
        SettlingData s = SettlingData.of(run());
        assertEquals(2, s.strips().size());
        assertEquals(T + 1, s.strips().get(0).height(), "a row per iteration");
        assertEquals(4, s.strips().get(0).width(), "a narrow layer shows all its units");
        assertArrayEquals(new int[] {2, 1, 3, 0}, s.units()[0], "sorted by the state at the last iteration, largest first");
        assertEquals(SettlingData.STRIP_UNITS, s.strips().get(1).width(), "a wide layer shows its most active units");
        assertEquals(6, s.units()[1][0]);
        assertEquals(13, s.units()[1][1], "ties keep the lower unit first");
        assertEquals(ColorMaps.heat(1), s.strips().get(0).pixel(0, T), "the layer's largest state is the brightest");
        assertEquals(ColorMaps.heat(0), s.strips().get(0).pixel(0, 0), "t = 0: the unit is silent");
        assertEquals((0 + 3 + 6 + 0.5) / 4, s.meanActivity()[0][3], 1e-6);
        assertEquals(0.5 / 4, s.meanActivity()[0][0], 1e-6);
    }
}
