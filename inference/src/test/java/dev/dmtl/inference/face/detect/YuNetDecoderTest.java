package dev.dmtl.inference.face.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.inference.face.FaceDetection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding on a hand-built output for a 32x32 detector input: stride 8 has a 4x4 grid (16 cells),
 * stride 16 a 2x2 grid, stride 32 one cell. Expected boxes are worked out by hand from the
 * formulas.
 */
class YuNetDecoderTest {

  private static final int W = 32;
  private static final int H = 32;

  /** Zeroed outputs for {@code batch} images. */
  private static float[][][] empty(int batch) {
    float[][][] levels = new float[3][][];
    int i = 0;
    for (int stride : YuNetOutputs.STRIDES) {
      int cells = batch * (W / stride) * (H / stride);
      levels[i++] =
          new float[][] {
            new float[cells], new float[cells], new float[cells * 4], new float[cells * 10]
          };
    }
    return levels;
  }

  private static YuNetOutputs outputs(float[][][] raw, int batch) {
    List<YuNetOutputs.Level> levels =
        List.of(
            new YuNetOutputs.Level(8, raw[0][0], raw[0][1], raw[0][2], raw[0][3]),
            new YuNetOutputs.Level(16, raw[1][0], raw[1][1], raw[1][2], raw[1][3]),
            new YuNetOutputs.Level(32, raw[2][0], raw[2][1], raw[2][2], raw[2][3]));
    return new YuNetOutputs(W, H, batch, levels);
  }

  private static void setCell(
      float[][] level, int cell, float cls, float obj, float[] bbox, float[] kps) {
    level[0][cell] = cls;
    level[1][cell] = obj;
    System.arraycopy(bbox, 0, level[2], cell * 4, 4);
    System.arraycopy(kps, 0, level[3], cell * 10, 10);
  }

  @Test
  void decodesOneCellOfTheFinestHead() {
    float[][][] raw = empty(1);
    // stride 8, row 1, column 2 -> cell 1*4+2 = 6; score sqrt(0.81 * 1.0) = 0.9
    setCell(
        raw[0],
        6,
        0.81f,
        1.0f,
        new float[] {0.5f, 0.25f, (float) Math.log(2), 0f},
        new float[] {0, 0, 1, 0, 0.5f, 0.5f, 0, 1, 1, 1});
    Letterbox identity = Letterbox.of(W, H, 640);
    List<FaceDetection> faces = YuNetDecoder.decode(outputs(raw, 1), 0, identity, 0.5, 0);
    assertEquals(1, faces.size());
    FaceDetection f = faces.get(0);
    // centre ((2 + 0.5) * 8, (1 + 0.25) * 8) = (20, 10); size (2 * 8, 1 * 8) = (16, 8)
    assertEquals(0.9, f.score(), 1e-6);
    assertEquals(12, f.x(), 1e-5);
    assertEquals(6, f.y(), 1e-5);
    assertEquals(16, f.width(), 1e-5);
    assertEquals(8, f.height(), 1e-5);
    // landmark k = ((2 + dx) * 8, (1 + dy) * 8)
    assertArrayEquals(new float[] {16, 8, 24, 8, 20, 12, 16, 16, 24, 16}, f.landmarks(), 1e-5f);
  }

  @Test
  void scalesBackToTheSourcePhotoAndClipsBoxesButNotLandmarks() {
    float[][][] raw = empty(1);
    // stride 32, the only cell (0, 0): centre (0.25 * 32, 0.5 * 32) = (8, 16), size e^1 * 32 =
    // 86.98 square
    setCell(
        raw[2],
        0,
        1f,
        0.64f,
        new float[] {0.25f, 0.5f, 1f, 1f},
        new float[] {-0.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    // a 64x48 photo shrunk to 32x24 (maxSide 32): 2 source pixels per detector pixel on both axes
    Letterbox half = Letterbox.of(64, 48, 32);
    assertEquals(32, half.resizedWidth());
    assertEquals(24, half.resizedHeight());
    List<FaceDetection> faces = YuNetDecoder.decode(outputs(raw, 1), 0, half, 0.5, 0);
    assertEquals(1, faces.size());
    FaceDetection f = faces.get(0);
    assertEquals(0.8, f.score(), 1e-6);
    // the box is e * 32 * 2 px wide: unclipped x1 = 16 - size/2 < 0, y1 = 32 - size/2 < 0,
    // x2 = 16 + size/2 > 64 -> clipped to the photo
    assertEquals(0, f.x(), 1e-5);
    assertEquals(0, f.y(), 1e-5);
    assertEquals(64, f.width(), 1e-4);
    assertEquals(48, f.height(), 1e-4);
    assertEquals(-32, f.landmarks()[0], 1e-5); // (0 - 0.5) * 32 * 2: outside the photo, kept
    assertEquals(0, f.landmarks()[1], 1e-5);
  }

  @Test
  void appliesScoreThresholdAndMinimumSizeAndClampsProbabilities() {
    float[][][] raw = empty(1);
    setCell(raw[0], 0, 0.49f, 1f, new float[] {0.5f, 0.5f, 0, 0}, new float[10]); // score 0.7, 8 px
    setCell(
        raw[1],
        3,
        1.2f,
        0.36f,
        new float[] {0.5f, 0.5f, 0, 0},
        new float[10]); // cls clamped to 1: 0.6, 16 px
    setCell(
        raw[1], 0, 0.09f, 1f, new float[] {0.5f, 0.5f, 0, 0}, new float[10]); // score 0.3: dropped
    setCell(
        raw[2], 0, 0.5f, -0.1f, new float[] {0.5f, 0.5f, 0, 0}, new float[10]); // obj clamped to 0
    Letterbox identity = Letterbox.of(W, H, 640);
    List<FaceDetection> all = YuNetDecoder.decode(outputs(raw, 1), 0, identity, 0.5, 0);
    assertEquals(2, all.size());
    assertEquals(0.7, all.get(0).score(), 1e-6);
    assertEquals(0.6, all.get(1).score(), 1e-6);
    assertEquals(16, all.get(1).x(), 1e-5); // stride 16, cell (1, 1): centre 24, size 16
    List<FaceDetection> big = YuNetDecoder.decode(outputs(raw, 1), 0, identity, 0.5, 10);
    assertEquals(1, big.size());
    assertEquals(16, big.get(0).width(), 1e-5);
    assertEquals(0, YuNetDecoder.decode(outputs(raw, 1), 0, identity, 0.75, 0).size());
  }

  @Test
  void readsTheRightSliceOfABatch() {
    float[][][] raw = empty(2);
    int cellsPerImage = 16;
    setCell(raw[0], 5, 1f, 1f, new float[] {0, 0, 0, 0}, new float[10]); // image 0, (1, 1)
    setCell(
        raw[0],
        cellsPerImage + 10,
        1f,
        0.81f,
        new float[] {0, 0, 0, 0},
        new float[10]); // image 1, (2, 2)
    Letterbox identity = Letterbox.of(W, H, 640);
    YuNetOutputs out = outputs(raw, 2);
    List<FaceDetection> first = YuNetDecoder.decode(out, 0, identity, 0.5, 0);
    List<FaceDetection> second = YuNetDecoder.decode(out, 1, identity, 0.5, 0);
    assertEquals(1, first.size());
    assertEquals(1, second.size());
    assertEquals(1.0, first.get(0).score(), 1e-6);
    assertEquals(8 - 4, first.get(0).x(), 1e-5);
    assertEquals(0.9, second.get(0).score(), 1e-6);
    assertEquals(16 - 4, second.get(0).x(), 1e-5);
    assertThrows(
        IndexOutOfBoundsException.class, () -> YuNetDecoder.decode(out, 2, identity, 0.5, 0));
  }

  @Test
  void rejectsOutputsOfTheWrongSize() {
    float[][][] raw = empty(1);
    raw[1][2] = new float[3];
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> outputs(raw, 1));
    assertTrue(e.getMessage().contains("bbox_16"), e.getMessage());
  }
}
