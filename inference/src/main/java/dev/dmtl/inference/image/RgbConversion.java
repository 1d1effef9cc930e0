package dev.dmtl.inference.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts whatever {@link BufferedImage} a reader returns into an 8-bit {@link RgbImage}.
 *
 * <p>Samples are read from the raster rather than through {@code getRGB} wherever the image is
 * already sRGB or grey, because Java2D treats grey images as <em>linear</em> grey and would
 * gamma-shift every value on the way to sRGB; models are trained on the stored values (as Pillow
 * reads them). Alpha is dropped, not composited, which is also what Pillow's {@code convert("RGB")}
 * does. Deeper samples (16-bit PNG) are rescaled with rounding to 0..255.
 */
final class RgbConversion {

  private RgbConversion() {}

  static RgbImage toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    ColorModel cm = image.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    Raster raster = image.getRaster();
    boolean plainComponents = cm instanceof ComponentColorModel || cm instanceof DirectColorModel;
    if (cm instanceof IndexColorModel || !plainComponents) {
      viaGetRgb(image, out);
    } else if (cs.getType() == ColorSpace.TYPE_GRAY) {
      grey(raster, cm, out);
    } else if (cs.isCS_sRGB() && raster.getNumBands() >= 3) {
      rgbSamples(raster, cm, out);
    } else {
      // Another colour space (an ICC profile the reader kept): let Java2D convert to sRGB.
      viaGetRgb(image, out);
    }
    return new RgbImage(w, h, out);
  }

  private static void viaGetRgb(BufferedImage image, byte[] out) {
    int w = image.getWidth();
    int[] row = new int[w];
    int o = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        out[o++] = (byte) (argb >>> 16);
        out[o++] = (byte) (argb >>> 8);
        out[o++] = (byte) argb;
      }
    }
  }

  private static void grey(Raster raster, ColorModel cm, byte[] out) {
    int w = raster.getWidth();
    int max = (1 << cm.getComponentSize(0)) - 1;
    int[] row = new int[w];
    int o = 0;
    for (int y = 0; y < raster.getHeight(); y++) {
      raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        byte v = (byte) to8Bit(row[x], max);
        out[o++] = v;
        out[o++] = v;
        out[o++] = v;
      }
    }
  }

  private static void rgbSamples(Raster raster, ColorModel cm, byte[] out) {
    int w = raster.getWidth();
    int bands = raster.getNumBands();
    int[] max = {
      (1 << cm.getComponentSize(0)) - 1,
      (1 << cm.getComponentSize(1)) - 1,
      (1 << cm.getComponentSize(2)) - 1
    };
    int[] row = new int[w * bands];
    int o = 0;
    for (int y = 0; y < raster.getHeight(); y++) {
      raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
      for (int x = 0; x < w; x++) {
        int base = x * bands;
        out[o++] = (byte) to8Bit(row[base], max[0]);
        out[o++] = (byte) to8Bit(row[base + 1], max[1]);
        out[o++] = (byte) to8Bit(row[base + 2], max[2]);
      }
    }
  }

  /** Rescales a sample of range 0..max to 0..255 with rounding; 8-bit samples pass unchanged. */
  static int to8Bit(int sample, int max) {
    if (max == 255) {
      return sample;
    }
    return (int) ((sample * 255L + max / 2) / max);
  }
}
