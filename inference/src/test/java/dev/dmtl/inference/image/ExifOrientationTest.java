package dev.dmtl.inference.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {

  /**
   * Stored 3×2 image, one letter per pixel (R channel = letter code):
   *
   * <pre>
   * a b c
   * d e f
   * </pre>
   */
  private static final RgbImage STORED = image(3, 2, "abcdef");

  private static RgbImage image(int w, int h, String letters) {
    byte[] data = new byte[w * h * 3];
    for (int i = 0; i < letters.length(); i++) {
      data[i * 3] = (byte) letters.charAt(i);
    }
    return new RgbImage(w, h, data);
  }

  private static String letters(RgbImage image) {
    StringBuilder s = new StringBuilder();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        s.append((char) image.sample(x, y, 0));
      }
      s.append('/');
    }
    return s.toString();
  }

  @Test
  void eachOrientationTurnsTheStoredPixelsUpright() {
    assertEquals("abc/def/", letters(ExifOrientation.NORMAL.apply(STORED)));
    assertEquals("cba/fed/", letters(ExifOrientation.MIRROR_HORIZONTAL.apply(STORED)));
    assertEquals("fed/cba/", letters(ExifOrientation.ROTATE_180.apply(STORED)));
    assertEquals("def/abc/", letters(ExifOrientation.MIRROR_VERTICAL.apply(STORED)));
    assertEquals("ad/be/cf/", letters(ExifOrientation.TRANSPOSE.apply(STORED)));
    assertEquals("da/eb/fc/", letters(ExifOrientation.ROTATE_90_CW.apply(STORED)));
    assertEquals("fc/eb/da/", letters(ExifOrientation.TRANSVERSE.apply(STORED)));
    assertEquals("cf/be/ad/", letters(ExifOrientation.ROTATE_90_CCW.apply(STORED)));
  }

  @Test
  void unknownTagValuesMeanUpright() {
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromTag(0));
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromTag(9));
    assertEquals(ExifOrientation.ROTATE_90_CCW, ExifOrientation.fromTag(8));
  }
}
