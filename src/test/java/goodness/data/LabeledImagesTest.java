package goodness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Image sets hold 28x28 images in [0,1] with labels 0..9, and derived sets never share storage. */
class LabeledImagesTest {

    /** n images where image i is filled with i/100 and labelled i % 10. */
    private static LabeledImages sample(int n) {
        float[] px = new float[n * 784];
        int[] lb = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(px, i * 784, (i + 1) * 784, i / 100f);
            lb[i] = i % 10;
        }
        return new LabeledImages(px, lb);
    }

    @Test
    void shape() {
        LabeledImages s = sample(3);
        assertEquals(3, s.count());
        assertEquals(28, s.width());
        assertEquals(28, s.height());
        assertEquals(784, s.dim());
        assertEquals(2, s.label(2));
        assertEquals(0.02f, s.pixel(2, 27, 27));
    }

    @Test
    void subsetCopiesAContiguousRange() {
        LabeledImages s = sample(12);
        LabeledImages sub = s.subset(3, 11);
        assertEquals(8, sub.count());
        assertEquals(0.03f, sub.pixel(0, 0, 0));
        assertEquals(0.10f, sub.pixel(7, 13, 13));
        assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9, 0}, sub.labels());
        assertNotSame(s.pixels(), s.subset(0, 12).pixels());
        assertEquals(0, s.subset(5, 5).count());
    }

    @Test
    void firstIsAPrefix() {
        LabeledImages s = sample(5);
        assertArrayEquals(s.subset(0, 2).pixels(), s.first(2).pixels());
        assertEquals(5, s.first(5).count());
        assertThrows(IndexOutOfBoundsException.class, () -> s.first(6));
        assertThrows(IndexOutOfBoundsException.class, () -> s.subset(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> s.subset(-1, 2));
    }

    @Test
    void copyImageWritesExactly784ValuesAtTheOffset() {
        LabeledImages s = sample(4);
        float[] dst = new float[784 + 10];
        java.util.Arrays.fill(dst, -1f);
        s.copyImage(3, dst, 5);
        assertEquals(-1f, dst[4]);
        assertEquals(0.03f, dst[5]);
        assertEquals(0.03f, dst[788]);
        assertEquals(-1f, dst[789]);
        assertThrows(IndexOutOfBoundsException.class, () -> s.copyImage(4, dst, 0));
    }

    @Test
    void fromUnsignedBytesDividesBy255() {
        byte[] px = new byte[2 * 784];
        px[0] = (byte) 255;
        px[784 + 1] = (byte) 51;
        LabeledImages s = LabeledImages.fromUnsignedBytes(px, new byte[] {4, 9}, 1, 2);
        assertEquals(1, s.count());
        assertEquals(9, s.label(0));
        assertEquals(51 / 255f, s.pixel(0, 0, 1));
        assertEquals(1f, LabeledImages.fromUnsignedBytes(px, new byte[] {4, 9}, 0, 1).pixel(0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> LabeledImages.fromUnsignedBytes(px, new byte[] {4, 10}, 0, 2));
    }

    @Test
    void constructorRejectsInconsistentOrOutOfRangeData() {
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(new float[783], new int[1]));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(new float[784], new int[] {10}));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(new float[784], new int[] {-1}));
        float[] bright = new float[784];
        bright[7] = 1.5f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(bright, new int[] {0}));
        assertTrue(e.getMessage().contains("index 7"), e.getMessage());
        float[] nan = new float[784];
        nan[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(nan, new int[] {0}));
    }

    @Test
    void emptySetAndClassCounts() {
        assertEquals(0, LabeledImages.empty().count());
        assertTrue(LabeledImages.empty().isEmpty());
        assertArrayEquals(new int[] {2, 2, 1, 1, 1, 1, 1, 1, 1, 1}, sample(12).classCounts());
    }
}
