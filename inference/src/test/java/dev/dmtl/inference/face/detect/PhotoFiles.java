package dev.dmtl.inference.face.detect;

import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a test photo the way the pipeline does: the product's decoder with its default limits. */
final class PhotoFiles {

  private static final ImageDecoder DECODER = new ImageDecoder(DecodeLimits.DEFAULTS);

  private PhotoFiles() {}

  static RgbImage read(Path file) throws IOException, ImageDecodeException {
    return DECODER.decode(file).image();
  }
}
