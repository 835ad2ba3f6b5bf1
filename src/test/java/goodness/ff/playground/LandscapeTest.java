package goodness.ff.playground;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The goodness landscape agrees with the network it was drawn from. */
class LandscapeTest {

    @Test
    void regionsAreTheNetworksPredictionsAndTheLayersAddUp() {
        PlaygroundSettings s = PlaygroundSettings.parse("data=blobs;classes=4;points=80;layers=6,5;batch=10");
        PlaygroundTrainer t = new PlaygroundTrainer(s);
        for (int i = 0; i < 40; i++) t.trainBatch();
        PlaygroundNetwork net = t.network();
        Landscape l = Landscape.compute(net, s, 12, 1.5f, true, 5, 2, t.points());
        assertEquals(4, l.classes());
        assertEquals(s.theta() * 11, l.threshold(), 1e-9);
        PlaygroundNetwork.Buffers buf = net.buffers();
        double[] scores = new double[4];
        for (int r = 0; r < 12; r++)
            for (int c = 0; c < 12; c++) {
                float x = Landscape.x(c, 12, 1.5f), y = Landscape.y(r, 12, 1.5f);
                int cell = r * 12 + c;
                assertEquals(net.predict(x, y, s, buf, scores), l.region()[cell]);
                for (int k = 0; k < 4; k++)
                    assertEquals(l.goodness()[k][cell], l.perLayer()[0][k][cell] + l.perLayer()[1][k][cell], 1e-3 * (1 + l.goodness()[k][cell]));
                assertEquals(l.region()[cell], l.regionAt(x, y));
            }
        assertEquals(-1, l.regionAt(2f, 0f), "outside the plane");
        // Row 0 is the top of the plane.
        assertTrue(Landscape.y(0, 12, 1.5f) > Landscape.y(11, 12, 1.5f));
        // A unit map is the unit's state for the chosen class.
        net.forward(Landscape.x(3, 5, 1.5f), Landscape.y(1, 5, 1.5f), 2, buf);
        assertEquals(buf.state[1][4], l.units()[1][4][5 + 3], 1e-6);
        assertEquals(6, l.contribution()[0].length);
        assertNotSame(net, l.network(), "the landscape keeps its own copy of the weights");
    }

    @Test
    void upperScoringLeavesOutLayerOne() {
        PlaygroundSettings s = PlaygroundSettings.parse("data=moons;layers=6,5;score=upper");
        PlaygroundTrainer t = new PlaygroundTrainer(s);
        Landscape l = Landscape.compute(t.network(), s, 4, 1.5f, true, 0, 0, t.points());
        assertEquals(5 * s.theta(), l.threshold(), 1e-9);
        assertArrayEquals(l.perLayer()[1][0], l.goodness()[0]);
    }
}
