package goodness.ui;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Copies a view model's {@link Picture} into a JavaFX image (views only; it needs the toolkit). */
public final class PictureImages {
    private PictureImages() {
    }

    /** A new image with {@code p}'s pixels (at least 1×1: JavaFX refuses an empty image). */
    public static WritableImage image(Picture p) {
        WritableImage img = new WritableImage(Math.max(1, p.width()), Math.max(1, p.height()));
        if (p.width() > 0 && p.height() > 0)
            img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0, p.width());
        return img;
    }
}
