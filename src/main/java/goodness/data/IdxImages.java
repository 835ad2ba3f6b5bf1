package goodness.data;

/**
 * The content of an IDX image file ({@code idx3-ubyte}): {@code count} images of
 * {@code rows x cols} unsigned bytes each, stored row-major one image after the other,
 * exactly as in the file.
 *
 * <p>Pixels stay raw bytes here (read them with {@code pixels[i] & 0xFF}) because this is the
 * file-format layer: turning them into floats, and deciding which images go where, is the
 * job of {@link DatasetLoader}. The array is not copied; treat it as read-only.
 *
 * @param count  number of images, {@code >= 0}
 * @param rows   image height in pixels, {@code >= 1}
 * @param cols   image width in pixels, {@code >= 1}
 * @param pixels {@code count * rows * cols} unsigned bytes
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    public IdxImages {
        if (count < 0 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException(
                    "bad shape: " + count + " images of " + rows + "x" + cols);
        }
        if (pixels == null || pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("pixel array holds "
                    + (pixels == null ? "null" : pixels.length + " bytes")
                    + ", expected " + ((long) count * rows * cols));
        }
    }
}
