package dev.dmtl.inference.face.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.inference.image.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BilinearTest {

  private static RgbImage random(int w, int h, long seed) {
    byte[] data = new byte[w * h * 3];
    new Random(seed).nextBytes(data);
    return new RgbImage(w, h, data);
  }

  /** A grey image whose value is {@code f(x)} on every row. */
  private static RgbImage rows(int[] values, int h) {
    int w = values.length;
    byte[] data = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          data[(y * w + x) * 3 + c] = (byte) values[x];
        }
      }
    }
    return new RgbImage(w, h, data);
  }

  @Test
  void identityWarpReproducesTheImage() {
    RgbImage image = random(17, 11, 1);
    assertArrayEquals(
        image.data(), Bilinear.warp(image, SimilarityTransform.IDENTITY, 17, 11).data());
  }

  @Test
  void translationShiftsAndFillsBlack() {
    RgbImage image = random(9, 7, 2);
    RgbImage out = Bilinear.warp(image, new SimilarityTransform(1, 0, 3, 2), 9, 7);
    for (int y = 0; y < 7; y++) {
      for (int x = 0; x < 9; x++) {
        for (int c = 0; c < 3; c++) {
          int expected = x >= 3 && y >= 2 ? image.sample(x - 3, y - 2, c) : 0;
          assertEquals(expected, out.sample(x, y, c), "pixel " + x + "," + y);
        }
      }
    }
  }

  @Test
  void quarterTurnMovesEveryPixelExactly() {
    int w = 6;
    int h = 4;
    RgbImage image = random(w, h, 3);
    // (x, y) -> (h - y, x): pixel (i, j) lands on pixel (h - 1 - j, i) of an h x w crop
    RgbImage out = Bilinear.warp(image, SimilarityTransform.of(1, Math.PI / 2, h, 0), h, w);
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(image.sample(i, j, c), out.sample(h - 1 - j, i, c), "pixel " + i + "," + j);
        }
      }
    }
  }

  @Test
  void enlargingAGradientInterpolatesLinearly() {
    int[] ramp = new int[10];
    for (int x = 0; x < ramp.length; x++) {
      ramp[x] = 20 * x; // 0..180
    }
    RgbImage out = Bilinear.warp(rows(ramp, 4), SimilarityTransform.of(2, 0, 0, 0), 20, 8);
    // crop pixel i samples source index (i + 0.5) / 2 - 0.5, value 20 * that = 10 i - 5, inside the
    // ramp
    for (int i = 1; i <= 18; i++) {
      assertEquals(10 * i - 5, out.sample(i, 3, 1), "crop x " + i);
    }
  }

  @Test
  void resizeFollowsOpenCvHalfPixelCentres() {
    // 2 -> 4: source positions -0.25 (clamped to 0), 0.25, 0.75, 1.25 (past the last pixel: edge)
    RgbImage up = Bilinear.resize(rows(new int[] {0, 100}, 2), 4, 2);
    assertEquals(0, up.sample(0, 0, 0));
    assertEquals(25, up.sample(1, 0, 0));
    assertEquals(75, up.sample(2, 0, 0));
    assertEquals(100, up.sample(3, 1, 2));
    // 4 -> 2: source positions 0.5 and 2.5, halfway between neighbours
    RgbImage down = Bilinear.resize(rows(new int[] {0, 40, 80, 120}, 4), 2, 2);
    assertEquals(20, down.sample(0, 0, 0));
    assertEquals(100, down.sample(1, 1, 0));
    RgbImage same = random(5, 5, 4);
    assertSame(same, Bilinear.resize(same, 5, 5));
  }

  @Test
  void shrinkingAveragesTheFootprintWherePlainBilinearAliases() {
    // vertical stripes 0, 240, 0, 240 ...: shrinking 3x should give the mean grey (120 +- the
    // uneven share of a footprint), bilinear picks single stripes
    int[] stripes = new int[48];
    for (int x = 0; x < stripes.length; x++) {
      stripes[x] = x % 2 == 0 ? 0 : 240;
    }
    RgbImage image = rows(stripes, 6);
    RgbImage shrunk = Bilinear.shrink(image, 16, 2);
    for (int x = 1; x < 15; x++) {
      int v = shrunk.sample(x, 1, 0);
      assertTrue(Math.abs(v - 120) <= 40, "shrink x " + x + " = " + v);
    }
    RgbImage aliased = Bilinear.resize(image, 16, 2);
    // source position (x + 0.5) * 3 - 0.5 = 3x + 1 is an integer: bilinear returns one stripe's
    // value
    assertEquals(240, aliased.sample(2, 1, 0));
    // enlarging is plain bilinear
    assertArrayEquals(Bilinear.resize(image, 96, 12).data(), Bilinear.shrink(image, 96, 12).data());
  }

  @Test
  void warpingALargeFaceDownAveragesToo() {
    // a 2x2 checkerboard of 4x4 blocks scaled by 1/4 gives the block values; by 1/8 their mean
    int w = 8;
    byte[] data = new byte[w * w * 3];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < w; x++) {
        int v = (x / 4 + y / 4) % 2 == 0 ? 200 : 40;
        for (int c = 0; c < 3; c++) {
          data[(y * w + x) * 3 + c] = (byte) v;
        }
      }
    }
    RgbImage board = new RgbImage(w, w, data);
    RgbImage quarter = Bilinear.warp(board, SimilarityTransform.of(0.25, 0, 0, 0), 2, 2);
    assertEquals(200, quarter.sample(0, 0, 0));
    assertEquals(40, quarter.sample(1, 0, 0));
    assertEquals(40, quarter.sample(0, 1, 0));
    assertEquals(200, quarter.sample(1, 1, 0));
    RgbImage eighth = Bilinear.warp(board, SimilarityTransform.of(0.125, 0, 0, 0), 1, 1);
    assertEquals(120, eighth.sample(0, 0, 0));
  }
}
