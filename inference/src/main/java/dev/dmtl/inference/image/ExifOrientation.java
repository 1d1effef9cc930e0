package dev.dmtl.inference.image;

/**
 * The eight EXIF orientations (TIFF tag 274). A camera stores the sensor's pixels as they came and
 * records how to turn them upright; {@link #apply} does that turn, so the model always sees the
 * face the way a person looking at the photo does.
 */
public enum ExifOrientation {
  /** 1: stored upright. */
  NORMAL(1),
  /** 2: mirrored left-right. */
  MIRROR_HORIZONTAL(2),
  /** 3: upside down. */
  ROTATE_180(3),
  /** 4: mirrored top-bottom. */
  MIRROR_VERTICAL(4),
  /** 5: mirrored along the main diagonal (x and y swapped). */
  TRANSPOSE(5),
  /** 6: must be turned 90° clockwise to be upright. */
  ROTATE_90_CW(6),
  /** 7: mirrored along the anti-diagonal. */
  TRANSVERSE(7),
  /** 8: must be turned 90° counter-clockwise to be upright. */
  ROTATE_90_CCW(8);

  private final int tagValue;

  ExifOrientation(int tagValue) {
    this.tagValue = tagValue;
  }

  /** The value stored in the EXIF tag, 1..8. */
  public int tagValue() {
    return tagValue;
  }

  /** The orientation for a tag value; values outside 1..8 (seen in broken files) mean upright. */
  public static ExifOrientation fromTag(int value) {
    for (ExifOrientation o : values()) {
      if (o.tagValue == value) {
        return o;
      }
    }
    return NORMAL;
  }

  /** Whether applying this orientation swaps width and height. */
  public boolean swapsAxes() {
    return tagValue >= 5;
  }

  /** Returns the upright image; {@code NORMAL} returns {@code stored} itself. */
  public RgbImage apply(RgbImage stored) {
    if (this == NORMAL) {
      return stored;
    }
    int w = stored.width();
    int h = stored.height();
    int outW = swapsAxes() ? h : w;
    int outH = swapsAxes() ? w : h;
    byte[] src = stored.data();
    byte[] out = new byte[src.length];
    int o = 0;
    for (int dy = 0; dy < outH; dy++) {
      for (int dx = 0; dx < outW; dx++) {
        int sx;
        int sy;
        switch (this) {
          case MIRROR_HORIZONTAL -> {
            sx = w - 1 - dx;
            sy = dy;
          }
          case ROTATE_180 -> {
            sx = w - 1 - dx;
            sy = h - 1 - dy;
          }
          case MIRROR_VERTICAL -> {
            sx = dx;
            sy = h - 1 - dy;
          }
          case TRANSPOSE -> {
            sx = dy;
            sy = dx;
          }
          case ROTATE_90_CW -> {
            sx = dy;
            sy = h - 1 - dx;
          }
          case TRANSVERSE -> {
            sx = w - 1 - dy;
            sy = h - 1 - dx;
          }
          case ROTATE_90_CCW -> {
            sx = w - 1 - dy;
            sy = dx;
          }
          default -> throw new AssertionError(this);
        }
        int s = (sy * w + sx) * 3;
        out[o++] = src[s];
        out[o++] = src[s + 1];
        out[o++] = src[s + 2];
      }
    }
    return new RgbImage(outW, outH, out);
  }
}
