package dev.dmtl.inference.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file that is not a JPEG, PNG, GIF or BMP most likely is, from its first bytes, so that its
 * dead letter says "a PDF document" or "an HTML page" instead of only "not an image": the user's
 * next step differs (export the page's images, convert the HEIC, fix the download). A guess for the
 * message only; it decides nothing.
 */
public enum ForeignFormat {
  PDF("a PDF document"),
  SVG("an SVG vector image (only JPEG, PNG, GIF and BMP are decoded)"),
  HTML("an HTML page (an error page saved instead of the image?)"),
  WEBP("a WebP image (not supported: convert it to JPEG or PNG)"),
  HEIF("a HEIC/HEIF image (not supported: convert it to JPEG or PNG)"),
  TIFF("a TIFF image (not supported: convert it to JPEG or PNG)"),
  ZIP("a zip archive (archives are expanded only when named .zip)"),
  GZIP("gzip data (archives are expanded only when named .tar.gz or .tgz)"),
  TEXT("text");

  /** Leading bytes {@link #guess} looks at. */
  public static final int HEAD_BYTES = 512;

  private final String description;

  ForeignFormat(String description) {
    this.description = description;
  }

  /** How a message names it, e.g. "a PDF document". */
  public String description() {
    return description;
  }

  /**
   * The likely kind of a non-image file from its first bytes, or empty when nothing fits (binary
   * noise).
   */
  public static Optional<ForeignFormat> guess(byte[] bytes) {
    int n = Math.min(bytes.length, HEAD_BYTES);
    if (startsWith(bytes, "%PDF-")) {
      return Optional.of(PDF);
    }
    if (n >= 12
        && startsWith(bytes, "RIFF")
        && new String(bytes, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
      return Optional.of(WEBP);
    }
    if (n >= 12 && new String(bytes, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
      String brand = new String(bytes, 8, 4, StandardCharsets.ISO_8859_1);
      if (brand.startsWith("hei")
          || brand.startsWith("hev")
          || brand.equals("mif1")
          || brand.equals("msf1")) {
        return Optional.of(HEIF);
      }
    }
    if (startsWith(bytes, "II*\0") || startsWith(bytes, "MM\0*")) {
      return Optional.of(TIFF);
    }
    if (startsWith(bytes, "PK\u0003\u0004")) {
      return Optional.of(ZIP);
    }
    if (n >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
      return Optional.of(GZIP);
    }
    if (!isText(bytes, n)) {
      return Optional.empty();
    }
    String head = new String(bytes, 0, n, StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
    if (head.startsWith("\ufeff")) {
      head = head.substring(1);
    }
    if (head.startsWith("<")) {
      if (head.contains("<svg")) {
        return Optional.of(SVG);
      }
      if (head.contains("<html") || head.startsWith("<!doctype html")) {
        return Optional.of(HTML);
      }
    }
    return Optional.of(TEXT);
  }

  /** No control characters other than tab, CR, LF and form feed in the first {@code n} bytes. */
  private static boolean isText(byte[] bytes, int n) {
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      if (b == 0x7F || (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] bytes, String magic) {
    if (bytes.length < magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if ((bytes[i] & 0xFF) != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
