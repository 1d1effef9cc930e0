package dev.dmtl.inference.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LetterboxTest {

  @Test
  void smallPhotosKeepTheirSizeAndArePaddedToMultiplesOf32() {
    Letterbox box = Letterbox.of(500, 375, 640);
    assertEquals(500, box.resizedWidth());
    assertEquals(375, box.resizedHeight());
    assertEquals(512, box.paddedWidth());
    assertEquals(384, box.paddedHeight());
    assertEquals(1.0, box.scaleX());
    assertEquals(1.0, box.scaleY());
    assertEquals(224, Letterbox.of(200, 200, 640).paddedWidth());
    assertEquals(32, Letterbox.of(32, 1, 640).paddedWidth());
    assertEquals(32, Letterbox.of(32, 1, 640).paddedHeight());
  }

  @Test
  void largePhotosShrinkToMaxSideKeepingAspect() {
    Letterbox box = Letterbox.of(1986, 1545, 640);
    assertEquals(640, box.resizedWidth());
    assertEquals(498, box.resizedHeight()); // 1545 * 640 / 1986 = 497.89
    assertEquals(640, box.paddedWidth());
    assertEquals(512, box.paddedHeight());
    assertEquals(1986 / 640.0, box.scaleX(), 1e-12);
    assertEquals(1545 / 498.0, box.scaleY(), 1e-12);
    Letterbox tall = Letterbox.of(900, 916, 640);
    assertEquals(629, tall.resizedWidth()); // 900 * 640 / 916 = 628.8
    assertEquals(640, tall.resizedHeight());
  }
}
