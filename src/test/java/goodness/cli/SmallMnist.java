package goodness.cli;

import goodness.data.DatasetLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A data root with the first {@value #TRAIN} training and {@value #TEST} test images of the
 * bundled MNIST (real digits, valid IDX files), so that CLI tests of the experiments score a
 * small test set instead of 10,000 images per cell. Made once per test JVM under target/.
 */
public final class SmallMnist {
    static final int TRAIN = 1024, TEST = 500;
    private static Path root;

    private SmallMnist() {
    }

    public static synchronized Path root() {
        if (root != null) return root;
        try {
            Path dir = Files.createDirectories(Path.of("target", "small-mnist-" + ProcessHandle.current().pid(), "mnist"));
            Path src = DatasetLoader.defaultDataRoot().resolve("mnist");
            cut(src.resolve(DatasetLoader.TRAIN_IMAGES), dir.resolve(DatasetLoader.TRAIN_IMAGES), 16, TRAIN, 784);
            cut(src.resolve(DatasetLoader.TRAIN_LABELS), dir.resolve(DatasetLoader.TRAIN_LABELS), 8, TRAIN, 1);
            cut(src.resolve(DatasetLoader.TEST_IMAGES), dir.resolve(DatasetLoader.TEST_IMAGES), 16, TEST, 784);
            cut(src.resolve(DatasetLoader.TEST_LABELS), dir.resolve(DatasetLoader.TEST_LABELS), 8, TEST, 1);
            root = dir.getParent();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies an IDX file's header (count set to {@code n}) and its first {@code n} records. */
    private static void cut(Path from, Path to, int header, int n, int recordBytes) throws IOException {
        byte[] head;
        byte[] body;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from))) {
            head = in.readNBytes(header);
            body = in.readNBytes(n * recordBytes);
        }
        ByteBuffer.wrap(head).putInt(4, n);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(head);
            out.write(body);
        }
    }
}
