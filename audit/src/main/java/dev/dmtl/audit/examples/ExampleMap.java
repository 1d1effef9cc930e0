package dev.dmtl.audit.examples;

import java.util.List;
import java.util.Objects;

/**
 * One face's saliency map of one task, as {@code dmtl infer --cams} stored it: for drawing next to
 * a worst-error example.
 *
 * @param method {@code cam} or {@code occlusion}
 * @param height rows of the grid
 * @param width columns of the grid
 * @param values {@code height × width} raw values (signed, not normalised), row-major, row 0 at the
 *     top of the aligned crop
 */
public record ExampleMap(String method, int height, int width, List<Float> values) {

  public ExampleMap {
    Objects.requireNonNull(method, "method");
    values = List.copyOf(values);
    if (height < 1 || width < 1 || values.size() != height * width) {
      throw new IllegalArgumentException(
          "a " + height + "x" + width + " map with " + values.size() + " values");
    }
  }

  /**
   * The map clamped at 0 and divided by its sum (shares of attention, as the audit averages them);
   * all zeros when nothing is positive.
   */
  public List<Double> shares() {
    double sum = 0;
    for (float v : values) {
      sum += Math.max(0f, v);
    }
    double total = sum;
    return values.stream().map(v -> total > 0 ? Math.max(0f, v) / total : 0.0).toList();
  }
}
