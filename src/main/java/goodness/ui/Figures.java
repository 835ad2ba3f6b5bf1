package goodness.ui;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures for papers: a chart with its caption line(s) underneath, as a PNG image or an SVG
 * document (JFreeSVG: the chart draws itself into an {@link SVGGraphics2D}, so lines and text stay
 * vectors), and the Inside tab's pictures as PNG at their native size. Drawing a chart reads it:
 * call it on the thread that changes the chart (the FX thread); encoding and writing the result
 * is for a background thread.
 */
public final class Figures {
    /** A chart figure's size in points (pixels of the PNG before its scale): the chart, then the caption below it. */
    public static final int WIDTH = 900, CHART_HEIGHT = 540;
    /** PNG pixels per point: twice the screen's, sharp in print. */
    public static final int PNG_SCALE = 2;
    private static final Font CAPTION_FONT = new Font("SansSerif", Font.PLAIN, 12);
    private static final int CAPTION_MARGIN = 8, CAPTION_LINE_GAP = 3;

    /** The two figure formats; a chosen file's extension, or else the chooser's filter, picks one. */
    public enum Format {
        PNG("png", "PNG image"), SVG("svg", "SVG vector image");

        private final String extension, description;

        Format(String extension, String description) {
            this.extension = extension;
            this.description = description;
        }

        public String extension() { return extension; }

        public String description() { return description; }

        /** The format a file name ends with (any case), or null. */
        public static Format of(Path file) {
            String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) if (n.endsWith("." + f.extension)) return f;
            return null;
        }
    }

    private Figures() {
    }

    /**
     * The file to write for a name from the save dialog: one that ends in {@code .png} or
     * {@code .svg} keeps its name (that format is written); any other gets the extension of the
     * format the dialog's filter chose.
     */
    public static Path target(Path chosen, Format filter) {
        if (Format.of(chosen) != null) return chosen;
        return chosen.resolveSibling(chosen.getFileName() + "." + filter.extension());
    }

    /** The chart and its caption as an image of {@code WIDTH × (CHART_HEIGHT + caption)} points, {@code scale} pixels each. */
    public static BufferedImage png(JFreeChart chart, String caption, int scale) {
        List<String> lines = wrap(caption, metrics(), WIDTH - 2 * CAPTION_MARGIN);
        int height = CHART_HEIGHT + captionHeight(lines);
        BufferedImage img = new BufferedImage(WIDTH * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            draw(g, chart, lines, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The chart and its caption as an SVG document (text as SVG text, the caption last). */
    public static String svg(JFreeChart chart, String caption) {
        List<String> lines = wrap(caption, metrics(), WIDTH - 2 * CAPTION_MARGIN);
        int height = CHART_HEIGHT + captionHeight(lines);
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
        draw(g, chart, lines, height);
        // No DOCTYPE: its external DTD is not needed by SVG readers, and XML parsers would fetch it.
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n";
    }

    private static void draw(Graphics2D g, JFreeChart chart, List<String> captionLines, int height) {
        g.setPaint(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, WIDTH, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, CHART_HEIGHT));
        g.setFont(CAPTION_FONT);
        g.setPaint(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        int y = CHART_HEIGHT + CAPTION_MARGIN + fm.getAscent();
        for (String line : captionLines) {
            g.drawString(line, CAPTION_MARGIN, y);
            y += fm.getHeight() + CAPTION_LINE_GAP;
        }
    }

    private static int captionHeight(List<String> lines) {
        FontMetrics fm = metrics();
        return lines.isEmpty() ? 0 : 2 * CAPTION_MARGIN + lines.size() * fm.getHeight() + (lines.size() - 1) * CAPTION_LINE_GAP;
    }

    private static FontMetrics metrics() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(CAPTION_FONT);
        } finally {
            g.dispose();
        }
    }

    /** The caption broken at spaces into lines no wider than {@code width} (a word wider than that gets a line of its own). */
    static List<String> wrap(String caption, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        if (caption == null || caption.isBlank()) return lines;
        StringBuilder line = new StringBuilder();
        for (String word : caption.trim().split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && fm.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    /** A picture at its native size: one image pixel per picture pixel (what each picture's pixel is, its maker says). */
    public static BufferedImage image(Picture p) {
        if (p.width() == 0 || p.height() == 0) throw new IllegalArgumentException("the picture is empty: nothing to export yet");
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, p.width(), p.height(), p.argb(), 0, p.width());
        return img;
    }

    /** An image encoded as PNG. */
    public static byte[] pngBytes(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("this Java runtime has no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
