package dev.dmtl.inference.image;

import java.util.Objects;

/**
 * An 8-bit RGB raster, row-major, interleaved {@code R,G,B} per pixel. The common currency between
 * decoding, face extraction and model input preparation: compact (3 bytes a pixel), independent of
 * AWT colour models, and cheap to hand across threads.
 *
 * @param width pixels per row, &gt; 0
 * @param height rows, &gt; 0
 * @param data {@code width * height * 3} bytes; not copied, callers must not mutate it afterwards
 */
public record RgbImage(int width, int height, byte[] data) {
  public RgbImage {
    Objects.requireNonNull(data, "data");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
    if ((long) width * height * 3 != data.length) {
      throw new IllegalArgumentException(
          "expected "
              + (long) width * height * 3
              + " bytes for "
              + width
              + "x"
              + height
              + " RGB, got "
              + data.length);
    }
  }

  /** Channel {@code c} (0 R, 1 G, 2 B) of pixel (x, y) as 0..255. */
  public int sample(int x, int y, int c) {
    return data[(y * width + x) * 3 + c] & 0xFF;
  }
}
