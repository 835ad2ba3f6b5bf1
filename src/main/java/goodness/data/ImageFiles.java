package goodness.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads a picture file (PNG, JPEG or any format ImageIO knows) for prediction. The size the
 * file declares is read from its header before any pixel is decoded, and a picture above
 * {@value #MAX_PIXELS} pixels is refused: a 712-byte JPEG can declare 20000 × 20000 pixels, and
 * decoding it would take 3 GB. Only regular files are read ({@link UserFiles}).
 */
public final class ImageFiles {
    /**
     * Largest picture accepted, in pixels (40 megapixels: a large phone photo). Decoding takes
     * about 8 bytes per pixel (the decoded image and its grey levels), 320 MB at the limit.
     */
    public static final long MAX_PIXELS = 40_000_000L;

    private ImageFiles() {
    }

    /**
     * The picture in {@code file}.
     *
     * @throws DataFileException naming the file if it is not a regular file, not an image format
     *                           ImageIO reads, declares more than {@value #MAX_PIXELS} pixels (or
     *                           more than this heap can decode), is damaged, or has no pixels
     */
    public static BufferedImage read(Path file) {
        try (InputStream raw = UserFiles.open(file);
             ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            if (in == null) throw new DataFileException(file, "cannot read the image (no image input available)");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new DataFileException(file, "not a PNG or JPEG image (format not recognised)");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                if (width < 1 || height < 1) throw new DataFileException(file, "the image is empty (" + width + "x" + height + " pixels)");
                long pixels = width * height;
                if (pixels > MAX_PIXELS)
                    throw new DataFileException(file, "declares " + width + "x" + height + " pixels, more than the limit of "
                            + MAX_PIXELS / 1_000_000 + " megapixels; scale it down first");
                if (pixels * 8 > HeapBudget.maxHeap() / 2)
                    throw new DataFileException(file, "declares " + width + "x" + height + " pixels; decoding needs about "
                            + HeapBudget.megabytes(pixels * 8) + ", too much for this JVM's heap of "
                            + HeapBudget.megabytes(HeapBudget.maxHeap()) + " (a larger -Xmx helps)");
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1)
                    throw new DataFileException(file, "the image is empty (0 pixels)");
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DataFileException(file, "cannot decode the image (damaged file?): " + plain(e), e);
        } catch (DataFileException e) {
            throw e;
        } catch (RuntimeException e) {
            // Some decoders throw unchecked exceptions on damaged data.
            throw new DataFileException(file, "cannot decode the image (damaged file?): " + plain(e), e);
        }
    }

    private static String plain(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "the decoder gave no reason" : e.getMessage();
    }
}
