package dev.dmtl.inference.image;

/**
 * Caps that protect a run against decompression bombs and mistaken inputs. Both are checked before
 * the expensive work: the file size before reading the bytes, the pixel count from the image header
 * before any pixel is decoded.
 *
 * @param maxPixels largest accepted {@code width * height} of the stored image, &gt; 0
 * @param maxFileBytes largest accepted encoded file (or archive entry) in bytes, &gt; 0
 */
public record DecodeLimits(long maxPixels, long maxFileBytes) implements java.io.Serializable {

  /**
   * 50 megapixels: larger than any camera photo a face model needs, small enough to decode safely.
   */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  /** 64 MiB: a 50 MP JPEG at high quality is about 25 MB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

  public static final DecodeLimits DEFAULTS =
      new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_FILE_BYTES);

  public DecodeLimits {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("max pixels must be positive, got " + maxPixels);
    }
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("max file bytes must be positive, got " + maxFileBytes);
    }
  }
}
