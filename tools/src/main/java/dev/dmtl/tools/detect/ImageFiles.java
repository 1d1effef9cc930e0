package dev.dmtl.tools.detect;

import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a photo for the developer tools of this package with the pipeline's own decoder and default
 * limits, so a tool measures the pixels the pipeline sees (EXIF orientation applied).
 */
public final class ImageFiles {

  private static final ImageDecoder DECODER = new ImageDecoder(DecodeLimits.DEFAULTS);

  private ImageFiles() {}

  /**
   * @throws IOException when the file cannot be read or decoded, naming it
   */
  public static RgbImage read(Path file) throws IOException {
    try {
      return DECODER.decode(file).image();
    } catch (ImageDecodeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
