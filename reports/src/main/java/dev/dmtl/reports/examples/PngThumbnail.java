package dev.dmtl.reports.examples;

import dev.dmtl.audit.examples.FaceRef;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Downscales an image (or a box of it) and encodes it as PNG. */
public final class PngThumbnail {

  /** The default longer side of an embedded crop, in pixels. */
  public static final int DEFAULT_SIZE = 64;

  private PngThumbnail() {}

  /**
   * Crops {@code box} (clamped to the image; null for the whole image), scales it so its longer
   * side is {@code maxSide} pixels (never up), and encodes it as an RGB PNG.
   */
  public static byte[] encode(BufferedImage image, FaceRef.Box box, int maxSide)
      throws IOException {
    if (maxSide < 1) {
      throw new IllegalArgumentException("thumbnail size must be at least 1 pixel, got " + maxSide);
    }
    int x0 = 0;
    int y0 = 0;
    int w = image.getWidth();
    int h = image.getHeight();
    if (box != null) {
      x0 = clamp((int) Math.floor(box.x()), 0, image.getWidth() - 1);
      y0 = clamp((int) Math.floor(box.y()), 0, image.getHeight() - 1);
      w = clamp((int) Math.ceil(box.x() + box.width()), x0 + 1, image.getWidth()) - x0;
      h = clamp((int) Math.ceil(box.y() + box.height()), y0 + 1, image.getHeight()) - y0;
    }
    double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, tw, th, x0, y0, x0 + w, y0 + h, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(out, "png", bytes)) {
      throw new IOException("this Java runtime has no PNG writer");
    }
    return bytes.toByteArray();
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
