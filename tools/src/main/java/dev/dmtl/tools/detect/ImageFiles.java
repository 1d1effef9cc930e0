package dev.dmtl.tools.detect;

import dev.dmtl.inference.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads a photo for the developer tools of this package with plain ImageIO (TwelveMonkeys' JPEG
 * reader is on the classpath). The pipeline uses the project's image decoder instead, which also
 * applies EXIF orientation and size caps; these tools only read the known files under ../shared.
 */
public final class ImageFiles {

  private ImageFiles() {}

  public static RgbImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException(file + " is not an image ImageIO can read");
    }
    return toRgb(image);
  }

  /** Converts any BufferedImage to interleaved 8-bit RGB. */
  public static RgbImage toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] data = new byte[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      data[3 * i] = (byte) (p >> 16);
      data[3 * i + 1] = (byte) (p >> 8);
      data[3 * i + 2] = (byte) p;
    }
    return new RgbImage(w, h, data);
  }
}
