package dev.dmtl.inference.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The box-filter resize that both training (the decode-once cache) and inference use. */
class ResizeTest {

  private static RgbImage row(int... reds) {
    byte[] data = new byte[reds.length * 3];
    for (int i = 0; i < reds.length; i++) {
      data[i * 3] = (byte) reds[i];
    }
    return new RgbImage(reds.length, 1, data);
  }

  private static int[] red(RgbImage image) {
    int[] out = new int[image.width() * image.height()];
    for (int i = 0; i < out.length; i++) {
      out[i] = image.data()[i * 3] & 0xFF;
    }
    return out;
  }

  @Test
  void halvingAveragesPairsOfPixels() {
    assertArrayEquals(new int[] {50, 228}, red(Resize.to(row(0, 100, 200, 255), 2, 1)));
  }

  @Test
  void fractionalCoverageWeighsPartialPixels() {
    // 3 → 2: output 0 covers pixel 0 fully and half of pixel 1: (0 + 0.5·90) / 1.5 = 30
    assertArrayEquals(new int[] {30, 150}, red(Resize.to(row(0, 90, 180), 2, 1)));
  }

  private static RgbImage checkerboard(int size) {
    byte[] data = new byte[size * size * 3];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        byte v = (byte) (((x + y) & 1) == 0 ? 0 : 255);
        int p = (y * size + x) * 3;
        data[p] = v;
        data[p + 1] = v;
        data[p + 2] = v;
      }
    }
    return new RgbImage(size, size, data);
  }

  @Test
  void integerDownscalingOfACheckerboardIsFlatGrey() {
    // 4×4 boxes hold 8 black and 8 white pixels: every output is the mean, 127.5 rounded
    for (byte b : Resize.to(checkerboard(256), 64, 64).data()) {
      assertEquals(127.5, b & 0xFF, 0.5);
    }
  }

  @Test
  void fractionalDownscalingDoesNotAlias() {
    // 200 → 64 is a 3.125-pixel box: its black/white balance varies a little with the phase, but
    // no output may come near black or white, which is what point sampling (the moiré) would give
    for (byte b : Resize.to(checkerboard(200), 64, 64).data()) {
      assertEquals(127.5, b & 0xFF, 20.0);
    }
  }

  @Test
  void sameSizeIsReturnedAsIs() {
    RgbImage image = row(1, 2, 3);
    assertSame(image, Resize.to(image, 3, 1));
  }
}
