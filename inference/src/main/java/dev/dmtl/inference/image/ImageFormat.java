package dev.dmtl.inference.image;

import java.util.Optional;

/**
 * The image formats the decoder accepts, recognised by their leading magic bytes rather than by
 * file extension: a text file renamed {@code .jpg} is rejected before any reader sees it.
 */
public enum ImageFormat {
  JPEG("jpeg"),
  PNG("png"),
  GIF("gif"),
  BMP("bmp");

  private final String imageIoName;

  ImageFormat(String imageIoName) {
    this.imageIoName = imageIoName;
  }

  /** The ImageIO format name used to look up a reader. */
  public String imageIoName() {
    return imageIoName;
  }

  /** Number of leading bytes {@link #sniff} needs at most. */
  public static final int MAGIC_BYTES = 8;

  /** Recognises the format from the first bytes of a file, or empty when it is none of these. */
  public static Optional<ImageFormat> sniff(byte[] head) {
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 'G', 'I', 'F', '8')) {
      return Optional.of(GIF);
    }
    if (startsWith(head, 'B', 'M')) {
      return Optional.of(BMP);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int... magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
