package dev.dmtl.inference.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * One task's occlusion-sensitivity map of one face: how much the task's answer changes when each
 * cell of the aligned crop is greyed. It says which regions the answer depends on for this face and
 * this model, not why, and not what a human would look at.
 *
 * @param task the task name as the model declares it
 * @param score what was measured per cell, see {@link TaskScore}
 * @param size cells per side; {@code values} is {@code size × size}, row-major, row 0 at the top
 * @param reference the score of the unoccluded crop (probability of the predicted label, or the
 *     expected rank)
 * @param values per cell: the change of the score when that cell is greyed ({@link
 *     TaskScore#effect}); positive means the cell supports the answer
 */
public record SensitivityMap(
    String task, TaskScore score, int size, double reference, float[] values) {

  /** The method's name as every output writes it. */
  public static final String METHOD = "occlusion sensitivity";

  public SensitivityMap {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(score, "score");
    values = values.clone();
    if (values.length != size * size) {
      throw new IllegalArgumentException(
          "a " + size + "x" + size + " map needs " + size * size + " values, got " + values.length);
    }
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** The value of the cell at {@code row}, {@code col}. */
  public float at(int row, int col) {
    return values[row * size + col];
  }

  /** The largest cell value. */
  public float max() {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** The smallest cell value. */
  public float min() {
    float m = Float.POSITIVE_INFINITY;
    for (float v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SensitivityMap m
        && task.equals(m.task)
        && score == m.score
        && size == m.size
        && Double.compare(reference, m.reference) == 0
        && Arrays.equals(values, m.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, score, size, reference, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return METHOD + " of " + task + " (" + size + "x" + size + ", " + score + ")";
  }
}
