package goodness.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads IDX files, the format MNIST and Fashion-MNIST are distributed in, either raw or
 * gzip-compressed.
 *
 * <p>Layout (all header integers big-endian): a 4-byte magic number whose third byte is the
 * element type ({@code 0x08} = unsigned byte) and whose fourth byte is the number of
 * dimensions, then one 4-byte size per dimension, then the data. Image files are
 * {@code 0x00000803} (count, rows, cols); label files are {@code 0x00000801} (count).
 *
 * <p>Why so strict: a silently short or padded file would still "load", and the damage would
 * show up much later as a model that trains on zeros or on misaligned labels. So the file
 * must hold <em>exactly</em> the bytes its header promises: fewer is reported as truncated,
 * more as trailing garbage. Every problem is a {@link DataFileException} whose message names
 * the file.
 *
 * <p>Compression is detected from the content (the gzip magic {@code 1f 8b}), not from the
 * file name, so a renamed or manually decompressed file still reads. The same exactness holds
 * for the compressed file: one gzip stream and nothing after it ({@link StrictGzipInputStream}).
 * Only regular files are read ({@link UserFiles}): a named pipe is refused, not waited on.
 *
 * <p>Speed: the whole payload is read with large buffered bulk reads into one array; 60,000
 * gzipped MNIST images take a few hundred milliseconds, dominated by inflation.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABEL_MAGIC = 0x00000801;

    /**
     * Largest row or column count accepted. IDX allows up to 2^31-1, but no image data set this
     * project reads comes anywhere near; a bigger value means a corrupt header, and refusing it
     * early gives a clearer message than an out-of-memory error.
     */
    static final int MAX_SIDE = 1 << 14;

    /** Java arrays cannot be longer than this (a little under Integer.MAX_VALUE). */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The first allocation for the payload is capped at this size and grown only as real data
     * arrives, so a corrupt header that promises gigabytes cannot exhaust memory before the
     * truncation is noticed. MNIST's 47 MB image file fits in the first allocation.
     */
    private static final int INITIAL_CHUNK = 64 << 20;

    private static final int BUFFER_SIZE = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an IDX image file (magic {@code 0x00000803}).
     *
     * @throws DataFileException if the file is missing, unreadable, not valid gzip (when it
     *                           starts like gzip), has the wrong magic, an implausible shape,
     *                           or not exactly the promised number of pixel bytes
     */
    public static IdxImages readImages(Path file) {
        try (InputStream in = open(file)) {
            int magic = readHeaderInt(in, file, 16);
            checkMagic(file, magic, IMAGE_MAGIC, "an IDX image file");
            int count = readHeaderInt(in, file, 16);
            int rows = readHeaderInt(in, file, 16);
            int cols = readHeaderInt(in, file, 16);
            if (count < 0) {
                throw new DataFileException(file, "implausible image count " + count + " in header");
            }
            if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new DataFileException(file, "implausible image size " + rows + "x" + cols
                        + " in header (each side must be 1.." + MAX_SIDE + ")");
            }
            long size = (long) count * rows * cols;
            String promise = count + " images of " + rows + "x" + cols + " (" + size + " bytes)";
            if (size > MAX_ARRAY) {
                throw new DataFileException(file, "header promises " + promise
                        + ", more than fits in one Java array");
            }
            byte[] pixels = readPayload(in, file, (int) size, promise);
            return new IdxImages(count, rows, cols, pixels);
        } catch (IOException e) {
            throw describe(file, e);
        }
    }

    /**
     * Reads an IDX label file (magic {@code 0x00000801}) and returns its bytes. IDX itself does
     * not restrict the values; {@link DatasetLoader} checks they are class indices.
     *
     * @throws DataFileException on any of the problems listed for {@link #readImages(Path)}
     */
    public static byte[] readLabels(Path file) {
        try (InputStream in = open(file)) {
            int magic = readHeaderInt(in, file, 8);
            checkMagic(file, magic, LABEL_MAGIC, "an IDX label file");
            int count = readHeaderInt(in, file, 8);
            if (count < 0) {
                throw new DataFileException(file, "implausible label count " + count + " in header");
            }
            return readPayload(in, file, count, count + " labels (" + count + " bytes)");
        } catch (IOException e) {
            throw describe(file, e);
        }
    }

    /**
     * Opens the file (a regular file only, through {@link UserFiles}), looking at its first two
     * bytes to decide whether to inflate it; a gzip file must hold exactly one gzip stream.
     */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(UserFiles.open(file), BUFFER_SIZE);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new StrictGzipInputStream(raw, file), BUFFER_SIZE);
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static void checkMagic(Path file, int magic, int expected, String what) {
        if (magic != expected) {
            throw new DataFileException(file, String.format(
                    "wrong magic 0x%08x, expected 0x%08x (%s)", magic, expected, what));
        }
    }

    /**
     * Reads one big-endian header int; a file that ends inside the header is reported as
     * truncated, with the header length so the message makes sense for tiny files.
     */
    private static int readHeaderInt(InputStream in, Path file, int headerBytes) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        if ((b0 | b1 | b2 | b3) < 0) {
            throw new DataFileException(file, "truncated: the IDX header needs " + headerBytes
                    + " bytes but the file ends inside it");
        }
        return (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
    }

    /**
     * Reads exactly {@code size} bytes and then insists the stream is at its end. The array is
     * grown as data arrives (see {@link #INITIAL_CHUNK}) instead of trusting the header.
     */
    private static byte[] readPayload(InputStream in, Path file, int size, String promise)
            throws IOException {
        byte[] data = new byte[Math.min(size, INITIAL_CHUNK)];
        int filled = 0;
        while (filled < size) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
            }
            int n = in.read(data, filled, data.length - filled);
            if (n < 0) {
                throw new DataFileException(file, "truncated: header promises " + promise
                        + " but only " + filled + " bytes follow");
            }
            filled += n;
        }
        if (in.read() >= 0) {
            long extra = 1;
            byte[] skip = new byte[BUFFER_SIZE];
            for (int n; (n = in.read(skip)) > 0; ) {
                extra += n;
            }
            throw new DataFileException(file, "trailing garbage: header promises " + promise
                    + " but " + extra + " more bytes follow");
        }
        return data;
    }

    /** Turns a low-level I/O failure into a one-line message that names the file. */
    private static DataFileException describe(Path file, IOException e) {
        return UserFiles.describe(file, e);
    }
}
