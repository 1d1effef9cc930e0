package dev.dmtl.inference.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * One task's last feature maps for a batch of faces, as the model's declared output returned them
 * (docs/MODEL_CONTRACT.md, "explain"): the activations whose spatial mean feeds the task's linear
 * head.
 *
 * @param task the task name
 * @param batch faces in the batch
 * @param channels feature channels C
 * @param height map rows h (row 0 at the top of the crop)
 * @param width map columns w
 * @param values {@code batch × C × h × w}, NCHW order
 */
public record FeatureMaps(
    String task, int batch, int channels, int height, int width, float[] values) {

  public FeatureMaps {
    Objects.requireNonNull(task, "task");
    if (batch < 1 || channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "feature maps of '"
              + task
              + "' need positive sizes, got "
              + batch
              + "x"
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
    if ((long) batch * channels * height * width != values.length) {
      throw new IllegalArgumentException(
          "feature maps of '"
              + task
              + "': "
              + values.length
              + " values for "
              + batch
              + "x"
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
  }

  /** Activation of channel {@code k} of face {@code face} at {@code row}, {@code col}. */
  public float at(int face, int k, int row, int col) {
    return values[((face * channels + k) * height + row) * width + col];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureMaps f
        && task.equals(f.task)
        && batch == f.batch
        && channels == f.channels
        && height == f.height
        && width == f.width
        && Arrays.equals(values, f.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, batch, channels, height, width, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "FeatureMaps[" + task + ", " + batch + "x" + channels + "x" + height + "x" + width + "]";
  }
}
