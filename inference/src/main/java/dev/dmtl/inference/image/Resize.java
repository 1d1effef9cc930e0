package dev.dmtl.inference.image;

/**
 * Resampling of {@link RgbImage}s. Downscaling averages every source pixel a destination pixel
 * covers (box filter with fractional coverage), so it does not alias; upscaling is bilinear. The
 * training cache and the pipeline's aligned mode both use this, so the model sees the same pixels
 * in training and inference.
 */
public final class Resize {

  private Resize() {}

  /** Resizes to {@code width}×{@code height}; returns the input when the size already matches. */
  public static RgbImage to(RgbImage src, int width, int height) {
    if (src.width() == width && src.height() == height) {
      return src;
    }
    if (width <= src.width() && height <= src.height()) {
      return area(src, width, height);
    }
    return bilinear(src, width, height);
  }

  private static RgbImage area(RgbImage src, int width, int height) {
    // Separable box filter: first along x into a float buffer, then along y.
    double sx = (double) src.width() / width;
    double sy = (double) src.height() / height;
    float[] rows = new float[src.height() * width * 3];
    byte[] in = src.data();
    for (int y = 0; y < src.height(); y++) {
      int rowIn = y * src.width() * 3;
      int rowOut = y * width * 3;
      for (int x = 0; x < width; x++) {
        double x0 = x * sx;
        double x1 = x0 + sx;
        double r = 0;
        double g = 0;
        double b = 0;
        for (int xi = (int) x0; xi < Math.min(src.width(), (int) Math.ceil(x1)); xi++) {
          double w = Math.min(xi + 1, x1) - Math.max(xi, x0);
          int p = rowIn + xi * 3;
          r += w * (in[p] & 0xFF);
          g += w * (in[p + 1] & 0xFF);
          b += w * (in[p + 2] & 0xFF);
        }
        rows[rowOut + x * 3] = (float) (r / sx);
        rows[rowOut + x * 3 + 1] = (float) (g / sx);
        rows[rowOut + x * 3 + 2] = (float) (b / sx);
      }
    }
    byte[] out = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      double y0 = y * sy;
      double y1 = y0 + sy;
      for (int x = 0; x < width * 3; x++) {
        double acc = 0;
        for (int yi = (int) y0; yi < Math.min(src.height(), (int) Math.ceil(y1)); yi++) {
          double w = Math.min(yi + 1, y1) - Math.max(yi, y0);
          acc += w * rows[yi * width * 3 + x];
        }
        out[y * width * 3 + x] = (byte) Math.min(255, Math.max(0, Math.round(acc / sy)));
      }
    }
    return new RgbImage(width, height, out);
  }

  private static RgbImage bilinear(RgbImage src, int width, int height) {
    byte[] out = new byte[width * height * 3];
    double sx = (double) src.width() / width;
    double sy = (double) src.height() / height;
    for (int y = 0; y < height; y++) {
      double fy = Math.max(0, (y + 0.5) * sy - 0.5);
      int y0 = Math.min((int) fy, src.height() - 1);
      int y1 = Math.min(y0 + 1, src.height() - 1);
      double wy = fy - y0;
      for (int x = 0; x < width; x++) {
        double fx = Math.max(0, (x + 0.5) * sx - 0.5);
        int x0 = Math.min((int) fx, src.width() - 1);
        int x1 = Math.min(x0 + 1, src.width() - 1);
        double wx = fx - x0;
        for (int c = 0; c < 3; c++) {
          double top = src.sample(x0, y0, c) * (1 - wx) + src.sample(x1, y0, c) * wx;
          double bottom = src.sample(x0, y1, c) * (1 - wx) + src.sample(x1, y1, c) * wx;
          out[(y * width + x) * 3 + c] = (byte) Math.round(top * (1 - wy) + bottom * wy);
        }
      }
    }
    return new RgbImage(width, height, out);
  }
}
