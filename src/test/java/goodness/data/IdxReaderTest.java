package goodness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IdxReader reads exactly what the header promises, and says clearly which file is wrong and why. */
class IdxReaderTest {

    @TempDir
    Path dir;

    private DataFileException failure(Path file, boolean images) {
        return assertThrows(DataFileException.class,
                () -> {
                    if (images) {
                        IdxReader.readImages(file);
                    } else {
                        IdxReader.readLabels(file);
                    }
                });
    }

    private static void assertMessage(DataFileException e, Path file, String... parts) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString() + ": "), "message should start with the file: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "message should mention '" + p + "': " + m);
        }
        assertEquals(-1, m.indexOf('\n'), "message should be one line: " + m);
        assertEquals(file, e.file());
    }

    @Test
    void readsRawImageFile() {
        Path f = IdxFiles.write(dir.resolve("img.idx"), IdxFiles.images(3, 2, 4));
        IdxImages img = IdxReader.readImages(f);
        assertEquals(3, img.count());
        assertEquals(2, img.rows());
        assertEquals(4, img.cols());
        assertArrayEquals(IdxFiles.pattern(24), img.pixels());
    }

    @Test
    void readsGzippedImageFileWhateverItsName() {
        // gzip is recognised by content: a gzipped file without .gz and a raw file with .gz both read
        Path gz = IdxFiles.write(dir.resolve("img.idx"), IdxFiles.gzip(IdxFiles.images(5, 3, 3)));
        Path raw = IdxFiles.write(dir.resolve("img.gz"), IdxFiles.images(5, 3, 3));
        assertArrayEquals(IdxFiles.pattern(45), IdxReader.readImages(gz).pixels());
        assertArrayEquals(IdxFiles.pattern(45), IdxReader.readImages(raw).pixels());
    }

    @Test
    void pixelBytesAreUnsigned() {
        byte[] px = {(byte) 255, (byte) 128, 0, 1};
        Path f = IdxFiles.write(dir.resolve("img"), IdxFiles.images(IdxReader.IMAGE_MAGIC, 1, 2, 2, px));
        byte[] read = IdxReader.readImages(f).pixels();
        assertEquals(255, read[0] & 0xFF);
        assertEquals(128, read[1] & 0xFF);
    }

    @Test
    void readsLabelsRawAndGzipped() {
        byte[] file = IdxFiles.labels(12);
        byte[] expected = Arrays.copyOfRange(file, 8, file.length);
        assertArrayEquals(expected, IdxReader.readLabels(IdxFiles.write(dir.resolve("l"), file)));
        assertArrayEquals(expected,
                IdxReader.readLabels(IdxFiles.write(dir.resolve("l.gz"), IdxFiles.gzip(file))));
    }

    @Test
    void zeroImagesIsAValidFile() {
        Path f = IdxFiles.write(dir.resolve("none"), IdxFiles.images(0, 28, 28));
        assertEquals(0, IdxReader.readImages(f).count());
    }

    @Test
    void truncatedImageFileSaysHowMuchWasPromisedAndHowMuchFollows() {
        byte[] full = IdxFiles.images(10, 28, 28);
        for (boolean gz : new boolean[] {false, true}) {
            byte[] cut = Arrays.copyOf(full, 16 + 1234);
            Path f = IdxFiles.write(dir.resolve("cut" + gz), gz ? IdxFiles.gzip(cut) : cut);
            assertMessage(failure(f, true), f,
                    "truncated", "10 images of 28x28", "7840 bytes", "only 1234 bytes follow");
        }
    }

    @Test
    void fileEndingInsideTheHeaderIsTruncated() {
        Path f = IdxFiles.write(dir.resolve("stub"), new byte[] {0, 0, 8, 3, 0, 0});
        assertMessage(failure(f, true), f, "truncated", "header");
        Path empty = IdxFiles.write(dir.resolve("empty"), new byte[0]);
        assertMessage(failure(empty, false), empty, "truncated");
    }

    @Test
    void truncatedLabelFile() {
        byte[] cut = Arrays.copyOf(IdxFiles.labels(100), 8 + 60);
        Path f = IdxFiles.write(dir.resolve("labels"), cut);
        assertMessage(failure(f, false), f, "truncated", "100 labels", "only 60 bytes follow");
    }

    @Test
    void trailingBytesAreAnError() {
        byte[] good = IdxFiles.images(2, 2, 2);
        Path f = IdxFiles.write(dir.resolve("long"), Arrays.copyOf(good, good.length + 3));
        assertMessage(failure(f, true), f, "trailing garbage", "3 more bytes");
        byte[] labels = IdxFiles.labels(4);
        Path l = IdxFiles.write(dir.resolve("long.gz"),
                IdxFiles.gzip(Arrays.copyOf(labels, labels.length + 1)));
        assertMessage(failure(l, false), l, "trailing garbage", "1 more bytes");
    }

    @Test
    void labelFileGivenAsImagesNamesBothMagics() {
        Path f = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.gzip(IdxFiles.labels(5)));
        assertMessage(failure(f, true), f, "wrong magic 0x00000801", "expected 0x00000803", "image");
        Path i = IdxFiles.write(dir.resolve("images"), IdxFiles.images(1, 1, 1));
        assertMessage(failure(i, false), i, "wrong magic 0x00000803", "expected 0x00000801", "label");
    }

    @Test
    void implausibleHeadersAreRejectedBeforeAnyBigAllocation() {
        Path neg = IdxFiles.write(dir.resolve("neg"),
                IdxFiles.images(IdxReader.IMAGE_MAGIC, -1, 28, 28, new byte[0]));
        assertMessage(failure(neg, true), neg, "implausible image count -1");
        Path zeroRows = IdxFiles.write(dir.resolve("zero"),
                IdxFiles.images(IdxReader.IMAGE_MAGIC, 1, 0, 28, new byte[0]));
        assertMessage(failure(zeroRows, true), zeroRows, "implausible image size 0x28");
        Path huge = IdxFiles.write(dir.resolve("huge"),
                IdxFiles.images(IdxReader.IMAGE_MAGIC, 100_000, 10_000, 10_000, new byte[0]));
        assertMessage(failure(huge, true), huge, "more than fits");
        Path negLabels = IdxFiles.write(dir.resolve("negl"),
                IdxFiles.labels(IdxReader.LABEL_MAGIC, Integer.MIN_VALUE, new byte[0]));
        assertMessage(failure(negLabels, false), negLabels, "implausible label count");
    }

    @Test
    void corruptGzipIsReportedAsSuch() {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(20, 28, 28));
        // Byte 10 starts the deflate data; 0xFF declares the reserved block type 11.
        byte[] badBlock = gz.clone();
        badBlock[10] = (byte) 0xFF;
        Path f = IdxFiles.write(dir.resolve("bad.gz"), badBlock);
        assertMessage(failure(f, true), f, "not a valid gzip file: corrupt compressed data");

        // A compressed stream cut short is a gzip problem, not a short IDX file, and says so in words.
        Path cut = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertMessage(failure(cut, true), cut, "the gzip stream ends before its compressed data does");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nowhere").resolve("train-images-idx3-ubyte.gz");
        assertMessage(failure(f, true), f, "file not found");
        assertMessage(failure(f, false), f, "file not found");
    }

    @Test
    void directoryIsNotAFile() {
        assertMessage(failure(dir, true), dir, "is a folder");
    }

    @Test
    void bytesAfterTheEndOfTheGzipStreamAreRefused() {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(4, 28, 28));
        byte[] appended = Arrays.copyOf(gz, gz.length + 3);
        Path f = IdxFiles.write(dir.resolve("appended.gz"), appended);
        assertMessage(failure(f, true), f, "3 bytes follow the end of the gzip stream");

        // A second gzip member is something after the end too, not more data.
        byte[] twice = Arrays.copyOf(gz, 2 * gz.length);
        System.arraycopy(gz, 0, twice, gz.length, gz.length);
        Path g = IdxFiles.write(dir.resolve("twice.gz"), twice);
        assertMessage(failure(g, true), g, gz.length + " bytes follow the end of the gzip stream");
    }

    @Test
    void aDamagedGzipTrailerIsACorruptFile() {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(4, 28, 28));
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 0x01;
        Path f = IdxFiles.write(dir.resolve("crc.gz"), badCrc);
        assertMessage(failure(f, true), f, "gzip checksum mismatch");

        Path cut = IdxFiles.write(dir.resolve("cut-trailer.gz"), Arrays.copyOf(gz, gz.length - 3));
        assertMessage(failure(cut, true), cut, "truncated: the gzip stream ends before");
    }

    @Test
    void aNamedPipeIsRefusedNotWaitedOn() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/mkfifo").canExecute(), "needs mkfifo");
        Path fifo = dir.resolve("train-images-idx3-ubyte.gz");
        assertEquals(0, new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor());
        // Nobody writes to the pipe: reading it would block forever.
        DataFileException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> failure(fifo, true));
        assertMessage(e, fifo, "is not a regular file");
    }
}
