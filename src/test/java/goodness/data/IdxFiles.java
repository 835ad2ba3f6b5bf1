package goodness.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests, byte by byte, so every test controls exactly what is on disk. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Bytes of an image file: magic, count, rows, cols, then the given pixel bytes. */
    static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length)
                .putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
    }

    /** A well-formed image file whose pixel {@code i} of the whole file is {@code i % 251}. */
    static byte[] images(int count, int rows, int cols) {
        return images(IdxReader.IMAGE_MAGIC, count, rows, cols, pattern(count * rows * cols));
    }

    /** Bytes of a label file: magic, count, then the labels. */
    static byte[] labels(int magic, int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
    }

    /** A well-formed label file with labels {@code i % 10}. */
    static byte[] labels(int count) {
        byte[] l = new byte[count];
        for (int i = 0; i < count; i++) {
            l[i] = (byte) (i % 10);
        }
        return labels(IdxReader.LABEL_MAGIC, count, l);
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A complete data-set folder {@code root/<dataset folder>} with gzipped files: {@code train}
     * training and {@code test} test images of {@code side x side}, labels {@code i % 10}.
     */
    static void dataSet(Path root, Dataset ds, int train, int test, int side) {
        Path dir = root.resolve(ds.folder());
        write(dir.resolve(DatasetLoader.TRAIN_IMAGES), gzip(images(train, side, side)));
        write(dir.resolve(DatasetLoader.TRAIN_LABELS), gzip(labels(train)));
        write(dir.resolve(DatasetLoader.TEST_IMAGES), gzip(images(test, side, side)));
        write(dir.resolve(DatasetLoader.TEST_LABELS), gzip(labels(test)));
    }
}
