package dev.dmtl.inference.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * One task's saliency map of one face, over the aligned crop: where the task's answer for this face
 * comes from, on a coarse grid. The common currency of {@code dmtl explain}, {@code dmtl infer
 * --cams} (Parquet list columns) and the audit's group saliency.
 *
 * <p>Values are signed and not normalised; positive supports the answer. For {@link
 * SaliencyMethod#CLASS_ACTIVATION} a cell is {@code Σ_k w_k·A_k(y, x)} over the task's last feature
 * maps A: for a nominal task w is the predicted class's row of the head weights (logit units); for
 * an ordinal task w is the gradient of the expected rank with respect to the pooled features, so
 * the map is the exact Grad-CAM of the expected rank (rank units, years for age). For {@link
 * SaliencyMethod#OCCLUSION} a cell is {@link TaskScore#effect} of greying it. Whoever averages maps
 * over faces first clamps negatives to zero and divides by the sum (a share of attention per cell),
 * because raw magnitudes differ between faces and methods.
 *
 * @param task the task name as the model declares it
 * @param method how the map was made
 * @param height cells per column of the grid (rows)
 * @param width cells per row of the grid
 * @param values {@code height × width} values, row-major, row 0 at the top of the crop
 */
public record SaliencyMap(
    String task, SaliencyMethod method, int height, int width, float[] values) {

  public SaliencyMap {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(method, "method");
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "a map needs at least one cell, got " + height + "x" + width);
    }
    values = values.clone();
    if (values.length != height * width) {
      throw new IllegalArgumentException(
          "a "
              + height
              + "x"
              + width
              + " map needs "
              + height * width
              + " values, got "
              + values.length);
    }
  }

  /** The occlusion map {@code map} in this form. */
  public static SaliencyMap of(SensitivityMap map) {
    return new SaliencyMap(
        map.task(), SaliencyMethod.OCCLUSION, map.size(), map.size(), map.values());
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** The value of the cell at {@code row}, {@code col}. */
  public float at(int row, int col) {
    return values[row * width + col];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SaliencyMap m
        && task.equals(m.task)
        && method == m.method
        && height == m.height
        && width == m.width
        && Arrays.equals(values, m.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, method, height, width, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "SaliencyMap[" + task + ", " + method.jsonName() + ", " + height + "x" + width + "]";
  }
}
