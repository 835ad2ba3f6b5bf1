package goodness.data;

import goodness.fuzz.Fuzz;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The fuzz suite for IDX data files: 1,000 seeded mutations ({@link Fuzz#cases}) of small image and label files,
 * raw and gzipped, damaged before or after compression (header fields set to edge values, bytes
 * flipped, cut, inserted or appended, a second gzip member). Each read ends in a
 * {@link DataFileException} naming the file in one line, or in content that is genuinely valid:
 * exactly the bytes a plain decoder finds in the file, which are exactly what the header
 * promises.
 */
class IdxFuzzTest {
    static final long SEED = 20261201L;
    static final int CASES = 1000;

    @TempDir
    static Path dir;

    enum Damage { NONE, HEADER_INT, FLIP_BITS, CUT, APPEND, INSERT, GZIP_FLIP, GZIP_CUT, GZIP_APPEND, GZIP_TWICE }

    /** Damage no file survives: fewer or more bytes than promised, bytes after the gzip stream. */
    private static final java.util.Set<Damage> CERTAINLY_INVALID = java.util.EnumSet.of(Damage.CUT, Damage.APPEND, Damage.GZIP_CUT,
            Damage.GZIP_APPEND, Damage.GZIP_TWICE);

    /** One case: labels or images, its shape, gzipped or not, the damage and the damage's seed. */
    record Case(boolean labels, int count, int side, boolean gzip, Damage damage, long seed) { }

    static Case draw(SplittableRandom r) {
        return new Case(r.nextBoolean(), r.nextInt(0, 13), r.nextInt(1, 7), r.nextBoolean(), Fuzz.oneOf(r, Damage.class), r.nextLong());
    }

    @TestFactory
    Stream<DynamicTest> aDamagedDataFileIsRefusedByNameOrReadsExactly() {
        return Fuzz.cases(SEED, CASES, IdxFuzzTest::draw, IdxFuzzTest::check);
    }

    static void check(Case c) throws IOException {
        Random r = new Random(c.seed());
        byte[] raw = c.labels() ? IdxFiles.labels(c.count()) : IdxFiles.images(c.count(), c.side(), c.side());
        boolean gzipLevel = c.damage().name().startsWith("GZIP");
        if (!gzipLevel) raw = damage(raw, c.damage(), r, c.labels() ? 8 : 16);
        byte[] bytes = c.gzip() || gzipLevel ? IdxFiles.gzip(raw) : raw;
        if (gzipLevel) bytes = damageGzip(bytes, c.damage(), r);
        Path file = Files.write(dir.resolve(c.labels() ? "labels.idx" : "images.idx"), bytes);

        Fuzz.Outcome<byte[]> read = Fuzz.run("read " + file, () -> c.labels()
                ? IdxReader.readLabels(file)
                : reencode(IdxReader.readImages(file)));
        if (read.failed()) {
            Fuzz.assertUserFacing(read.error(), DataFileException.class, file);
            return;
        }
        if (CERTAINLY_INVALID.contains(c.damage())) throw new AssertionError(c.damage() + " damage was accepted");
        // Valid: the content is what an independent decoder finds in the file, header and all.
        byte[] content = plainContent(bytes);
        byte[] got = c.labels() ? ByteBuffer.allocate(8 + read.value().length).putInt(IdxReader.LABEL_MAGIC)
                .putInt(read.value().length).put(read.value()).array() : read.value();
        if (!Arrays.equals(content, got)) throw new AssertionError("accepted a file whose content is not exactly what its header promises");
    }

    private static byte[] reencode(IdxImages im) {
        return IdxFiles.images(IdxReader.IMAGE_MAGIC, im.count(), im.rows(), im.cols(), im.pixels());
    }

    /** The file's bytes, inflated by the JDK's own (lenient) gzip reader when it starts like gzip. */
    private static byte[] plainContent(byte[] bytes) throws IOException {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1f || (bytes[1] & 0xFF) != 0x8b) return bytes;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    static byte[] damage(byte[] b, Damage d, Random r, int headerBytes) {
        int n = b.length;
        switch (d) {
            case NONE -> { return b; }
            case HEADER_INT -> {
                byte[] x = b.clone();
                int at = 4 * r.nextInt(headerBytes / 4);
                int v = r.nextInt(3) == 0 ? ByteBuffer.wrap(b, at, 4).getInt() + r.nextInt(5) - 2
                        : Fuzz.INTERESTING_INTS[r.nextInt(Fuzz.INTERESTING_INTS.length)];
                ByteBuffer.wrap(x, at, 4).putInt(v);
                return x;
            }
            case FLIP_BITS -> {
                byte[] x = b.clone();
                for (int i = 1 + r.nextInt(4); i > 0; i--) x[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                return x;
            }
            case CUT -> { return Arrays.copyOf(b, r.nextInt(n)); }
            case APPEND -> { return Arrays.copyOf(b, n + 1 + r.nextInt(8)); }
            case INSERT -> {
                int at = r.nextInt(n + 1);
                byte[] x = new byte[n + 1];
                System.arraycopy(b, 0, x, 0, at);
                x[at] = (byte) r.nextInt(256);
                System.arraycopy(b, at, x, at + 1, n - at);
                return x;
            }
            default -> throw new AssertionError(d);
        }
    }

    static byte[] damageGzip(byte[] gz, Damage d, Random r) {
        int n = gz.length;
        switch (d) {
            case GZIP_FLIP -> {
                byte[] x = gz.clone();
                x[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                return x;
            }
            case GZIP_CUT -> { return Arrays.copyOf(gz, r.nextInt(n)); }
            case GZIP_APPEND -> {
                byte[] x = Arrays.copyOf(gz, n + 1 + r.nextInt(16));
                for (int i = n; i < x.length; i++) x[i] = (byte) r.nextInt(256);
                return x;
            }
            case GZIP_TWICE -> {
                byte[] x = Arrays.copyOf(gz, 2 * n);
                System.arraycopy(gz, 0, x, n, n);
                return x;
            }
            default -> throw new AssertionError(d);
        }
    }
}
