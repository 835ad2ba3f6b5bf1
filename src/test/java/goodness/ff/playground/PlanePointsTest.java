package goodness.ff.playground;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The data sets: sizes, classes, seeds, editing. */
class PlanePointsTest {

    @Test
    void everySetHasItsSizeAndEvenClassesInsideThePlane() {
        for (PlaneShape shape : PlaneShape.values())
            for (int c = shape.minClasses(); c <= shape.maxClasses(); c++) {
                PlanePoints p = PlanePoints.generate(shape, c, 300, 0.05, 1);
                assertEquals(300, p.size());
                assertEquals(c, p.classes());
                for (int k = 0; k < c; k++) assertEquals(300 / c, p.count(k), 1, shape + " class " + k);
                for (int i = 0; i < p.size(); i++) {
                    assertTrue(Math.abs(p.x(i)) < PlaygroundTrainer.PLANE && Math.abs(p.y(i)) < PlaygroundTrainer.PLANE, shape + " point " + i);
                }
            }
    }

    @Test
    void theSeedDecidesThePointsAndTheNoiseSpreadsThem() {
        PlanePoints a = PlanePoints.generate(PlaneShape.MOONS, 2, 50, 0.1, 5), b = PlanePoints.generate(PlaneShape.MOONS, 2, 50, 0.1, 5);
        PlanePoints other = PlanePoints.generate(PlaneShape.MOONS, 2, 50, 0.1, 6);
        for (int i = 0; i < 50; i++) assertEquals(a.x(i), b.x(i));
        assertNotEquals(a.x(0), other.x(0));
        // Circles without noise lie exactly on their two radii.
        PlanePoints clean = PlanePoints.generate(PlaneShape.CIRCLES, 2, 40, 0, 1);
        for (int i = 0; i < 40; i++) assertEquals(clean.label(i) == 0 ? 0.4 : 0.9, Math.hypot(clean.x(i), clean.y(i)), 1e-5);
    }

    @Test
    void xorClassesFollowTheQuadrants() {
        PlanePoints p = PlanePoints.generate(PlaneShape.XOR, 2, 200, 0, 3);
        for (int i = 0; i < p.size(); i++) assertEquals(p.x(i) * p.y(i) > 0 ? 0 : 1, p.label(i));
    }

    @Test
    void pointsCanBeAddedAndTheNearestRemoved() {
        PlanePoints p = PlanePoints.generate(PlaneShape.BLOBS, 3, 10, 0, 1);
        int v = p.version();
        assertTrue(p.add(1.2f, -1.2f, 2));
        assertEquals(11, p.size());
        assertTrue(p.version() > v);
        int nearest = p.nearest(1.19f, -1.21f);
        assertEquals(1.2f, p.x(nearest));
        p.remove(nearest);
        assertEquals(10, p.size());
        assertEquals(-1, new PlanePoints(2, 4).nearest(9, 9), "an empty set has no nearest point");
        assertThrows(IllegalArgumentException.class, () -> p.add(0, 0, 3), "no class 3");
    }
}
