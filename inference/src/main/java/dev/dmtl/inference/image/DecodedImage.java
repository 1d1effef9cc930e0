package dev.dmtl.inference.image;

import java.util.Objects;

/**
 * A decoded image and what the decoder learned about it.
 *
 * @param format the encoded format
 * @param orientation the EXIF orientation that was applied ({@link ExifOrientation#NORMAL} when the
 *     file has none)
 * @param image the pixels, upright (orientation already applied)
 */
public record DecodedImage(ImageFormat format, ExifOrientation orientation, RgbImage image) {
  public DecodedImage {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(orientation, "orientation");
    Objects.requireNonNull(image, "image");
  }
}
