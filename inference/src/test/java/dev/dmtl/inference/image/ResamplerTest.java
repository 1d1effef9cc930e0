package dev.dmtl.inference.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ResamplerTest {

  private static RgbImage row(int... values) {
    byte[] data = new byte[values.length * 3];
    for (int i = 0; i < values.length; i++) {
      data[i * 3] = (byte) values[i];
      data[i * 3 + 1] = (byte) values[i];
      data[i * 3 + 2] = (byte) values[i];
    }
    return new RgbImage(values.length, 1, data);
  }

  private static int[] red(RgbImage image) {
    int[] out = new int[image.width()];
    for (int x = 0; x < out.length; x++) {
      out[x] = image.sample(x, 0, 0);
    }
    return out;
  }

  @Test
  void downscalingAveragesEverySourcePixel() {
    // 4 -> 2: scale 2, triangle of half-width 2 around centres 1.0 and 3.0.
    // out0 = (0.75*0 + 0.75*100 + 0.25*200) / 1.75 = 71.43
    // out1 = (0.25*100 + 0.75*200 + 0.75*255) / 1.75 = 209.29
    assertArrayEquals(new int[] {71, 209}, red(Resampler.resize(row(0, 100, 200, 255), 2, 1)));
  }

  @Test
  void upscalingInterpolatesBetweenCentres() {
    // 2 -> 4: output centres at 0.25, 0.75, 1.25, 1.75 source pixels; source centres at 0.5, 1.5.
    assertArrayEquals(new int[] {0, 25, 75, 100}, red(Resampler.resize(row(0, 100), 4, 1)));
  }

  @Test
  void flatImagesStayFlat() {
    byte[] data = new byte[200 * 200 * 3];
    for (int i = 0; i < data.length; i += 3) {
      data[i] = 10;
      data[i + 1] = 20;
      data[i + 2] = (byte) 230;
    }
    RgbImage small = Resampler.resize(new RgbImage(200, 200, data), 64, 48);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        assertArrayEquals(new int[] {10, 20, 230},
            new int[] {small.sample(x, y, 0), small.sample(x, y, 1), small.sample(x, y, 2)});
      }
    }
  }

  @Test
  void sameSizeIsReturnedAsIs() {
    RgbImage image = row(1, 2, 3);
    assertSame(image, Resampler.resize(image, 3, 1));
  }
}
