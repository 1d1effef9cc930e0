package dev.dmtl.inference.face.detect;

import java.util.List;
import java.util.Objects;

/**
 * The raw output of one YuNet run over a batch, as flat row-major arrays. For each stride s in {8,
 * 16, 32} the network emits, per image and per feature-map cell (row-major over a grid of {@code
 * paddedHeight/s x paddedWidth/s} cells): {@code cls_s} and {@code obj_s} (one probability each),
 * {@code bbox_s} (4 values: centre offset x, y in cells and log width, log height in cells) and
 * {@code kps_s} (10 values: five landmark offsets x, y in cells). Shapes are {@code [batch, cells,
 * k]}.
 *
 * @param paddedWidth detector input width (a multiple of 32)
 * @param paddedHeight detector input height
 * @param batch number of images in the run
 * @param levels one entry per stride, in {@link #STRIDES} order
 */
public record YuNetOutputs(int paddedWidth, int paddedHeight, int batch, List<Level> levels) {

  /** Feature-map strides of YuNet's three heads, finest first. */
  public static final List<Integer> STRIDES = List.of(8, 16, 32);

  /** The coarsest stride; input sizes are multiples of it. */
  public static final int MAX_STRIDE = 32;

  /** Landmarks per face. */
  public static final int LANDMARKS = 5;

  /** ONNX output names for one stride, in the order cls, obj, bbox, kps. */
  public static List<String> outputNames(int stride) {
    return List.of("cls_" + stride, "obj_" + stride, "bbox_" + stride, "kps_" + stride);
  }

  /**
   * One head's output for the whole batch.
   *
   * @param stride input pixels per cell
   * @param cls {@code batch * cells} class probabilities
   * @param obj {@code batch * cells} objectness probabilities
   * @param bbox {@code batch * cells * 4} box regressions
   * @param kps {@code batch * cells * 10} landmark regressions
   */
  public record Level(int stride, float[] cls, float[] obj, float[] bbox, float[] kps) {
    public Level {
      Objects.requireNonNull(cls, "cls");
      Objects.requireNonNull(obj, "obj");
      Objects.requireNonNull(bbox, "bbox");
      Objects.requireNonNull(kps, "kps");
    }
  }

  public YuNetOutputs {
    levels = List.copyOf(levels);
    if (paddedWidth <= 0
        || paddedHeight <= 0
        || paddedWidth % MAX_STRIDE != 0
        || paddedHeight % MAX_STRIDE != 0) {
      throw new IllegalArgumentException(
          "detector input must be a positive multiple of "
              + MAX_STRIDE
              + " on both sides, got "
              + paddedWidth
              + "x"
              + paddedHeight);
    }
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    if (levels.size() != STRIDES.size()) {
      throw new IllegalArgumentException(
          "expected " + STRIDES.size() + " output levels, got " + levels.size());
    }
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      if (level.stride() != STRIDES.get(i)) {
        throw new IllegalArgumentException(
            "level " + i + " has stride " + level.stride() + ", expected " + STRIDES.get(i));
      }
      long cells = (long) batch * (paddedWidth / level.stride()) * (paddedHeight / level.stride());
      check(level, "cls", level.cls().length, cells);
      check(level, "obj", level.obj().length, cells);
      check(level, "bbox", level.bbox().length, cells * 4);
      check(level, "kps", level.kps().length, cells * 2 * LANDMARKS);
    }
  }

  private static void check(Level level, String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          what
              + "_"
              + level.stride()
              + " holds "
              + actual
              + " values, expected "
              + expected
              + " for this input size and batch");
    }
  }
}
