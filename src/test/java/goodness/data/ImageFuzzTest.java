package goodness.data;

import goodness.fuzz.Fuzz;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The fuzz suite for pictures given to {@code predict}: 1,000 seeded mutations ({@link Fuzz#cases}) of small PNG,
 * JPEG, GIF and BMP files (bytes flipped, cut, overwritten or appended, and the declared width
 * and height rewritten to edge values up to 65535 × 65535, with the PNG header's CRC
 * recomputed so that the size is believed). Each read ends in a {@link DataFileException}
 * naming the file in one line, or in a picture of at most {@link ImageFiles#MAX_PIXELS} pixels
 * that preprocesses into a valid 28 × 28 digit. An undamaged file always reads.
 */
class ImageFuzzTest {
    static final long SEED = 20261201L;
    static final int CASES = 1000;

    @TempDir
    static Path dir;

    enum Format { png, jpg, gif, bmp }

    enum Damage { NONE, DIMENSIONS, FLIP_BITS, CUT, APPEND, OVERWRITE_RANGE }

    record Case(Format format, int width, int height, Damage damage, long seed) { }

    static Case draw(SplittableRandom r) {
        return new Case(Fuzz.oneOf(r, Format.class), r.nextInt(1, 41), r.nextInt(1, 41), Fuzz.oneOf(r, Damage.class), r.nextLong());
    }

    /** Declared sizes: ordinary, on the 16-bit edges, and beyond the pixel limit when paired. */
    private static final int[] SIDES = {0, 1, 2, 33, 300, 4097, 20_000, 32_768, 65_535};

    @TestFactory
    Stream<DynamicTest> aDamagedPictureIsRefusedByNameOrPreprocesses() {
        return Fuzz.cases(SEED, CASES, ImageFuzzTest::draw, ImageFuzzTest::check);
    }

    static void check(Case c) throws IOException {
        Random r = new Random(c.seed());
        byte[] bytes = damage(encode(c, r), c, r);
        Path file = Files.write(dir.resolve("picture." + c.format()), bytes);

        Fuzz.Outcome<PreprocessedDigit> read = Fuzz.run("read " + file, () -> {
            BufferedImage image = ImageFiles.read(file);
            if ((long) image.getWidth() * image.getHeight() > ImageFiles.MAX_PIXELS)
                throw new AssertionError("decoded " + image.getWidth() + "x" + image.getHeight() + ", beyond the pixel limit");
            return DigitPreprocessor.preprocess(image);
        });
        if (read.failed()) {
            if (read.error() instanceof AssertionError a) throw a;
            if (c.damage() == Damage.NONE) throw new AssertionError("an undamaged " + c.format() + " was refused: " + read.error(), read.error());
            Fuzz.assertUserFacing(read.error(), DataFileException.class, file);
            return;
        }
        float[] px = read.value().pixels();
        if (px.length != 784) throw new AssertionError("a digit of " + px.length + " pixels");
        for (float v : px) if (!(v >= 0 && v <= 1)) throw new AssertionError("a pixel outside [0, 1]: " + v);
    }

    private static byte[] encode(Case c, Random r) throws IOException {
        int type = c.format() == Format.jpg || c.format() == Format.bmp
                ? (r.nextBoolean() ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB)
                : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_INDEXED}[r.nextInt(4)];
        BufferedImage im = new BufferedImage(c.width(), c.height(), type);
        for (int y = 0; y < c.height(); y++)
            for (int x = 0; x < c.width(); x++) im.setRGB(x, y, r.nextInt(4) == 0 ? 0xFF000000 : 0xFFFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(im, c.format().name(), out)) throw new AssertionError("no " + c.format() + " writer for type " + type);
        return out.toByteArray();
    }

    static byte[] damage(byte[] b, Case c, Random r) {
        int n = b.length;
        byte[] x = b.clone();
        switch (c.damage()) {
            case NONE -> { return b; }
            case DIMENSIONS -> {
                setDimensions(x, c.format(), SIDES[r.nextInt(SIDES.length)], SIDES[r.nextInt(SIDES.length)]);
                return x;
            }
            case FLIP_BITS -> {
                for (int i = 1 + r.nextInt(6); i > 0; i--) x[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                return x;
            }
            case CUT -> { return Arrays.copyOf(b, r.nextInt(n)); }
            case APPEND -> {
                byte[] y = Arrays.copyOf(b, n + 1 + r.nextInt(64));
                for (int i = n; i < y.length; i++) y[i] = (byte) r.nextInt(256);
                return y;
            }
            case OVERWRITE_RANGE -> {
                int at = r.nextInt(n), k = Math.min(n - at, 1 + r.nextInt(32));
                for (int i = at; i < at + k; i++) x[i] = (byte) r.nextInt(256);
                return x;
            }
        }
        throw new AssertionError(c.damage());
    }

    /** Rewrites the width and height the file declares, where each format keeps them. */
    private static void setDimensions(byte[] x, Format f, int w, int h) {
        switch (f) {
            case png -> {
                // IHDR: width at 16, height at 20, its CRC over type + data (bytes 12..28) at 29.
                ByteBuffer.wrap(x, 16, 8).putInt(w).putInt(h);
                CRC32 crc = new CRC32();
                crc.update(x, 12, 17);
                ByteBuffer.wrap(x, 29, 4).putInt((int) crc.getValue());
            }
            case jpg -> {
                for (int i = 2; i + 8 < x.length; i++) {
                    if ((x[i] & 0xFF) == 0xFF && ((x[i + 1] & 0xFF) == 0xC0 || (x[i + 1] & 0xFF) == 0xC2)) {
                        ByteBuffer.wrap(x, i + 5, 4).putShort((short) h).putShort((short) w);
                        return;
                    }
                }
            }
            case gif -> {
                ByteBuffer.wrap(x, 6, 4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) w).putShort((short) h);
                for (int i = 13; i + 9 < x.length; i++) {
                    if ((x[i] & 0xFF) == 0x2C) { // image descriptor: left, top, width, height
                        ByteBuffer.wrap(x, i + 5, 4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) w).putShort((short) h);
                        return;
                    }
                }
            }
            case bmp -> ByteBuffer.wrap(x, 18, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(w).putInt(h);
        }
    }
}
