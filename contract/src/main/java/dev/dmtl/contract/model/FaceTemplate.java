package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Where the five landmarks land in the crop the model was trained on, in crop pixel coordinates (x
 * right, y down): left eye, right eye, nose tip, left mouth corner, right mouth corner, where
 * left/right are image left/right. JSON ({@code dmtl.face_template}): {@code
 * {"size":[w,h],"points":[[x,y]×5]}}.
 *
 * @param width crop width in pixels
 * @param height crop height in pixels
 * @param points five {@code [x, y]} pairs
 */
@JsonPropertyOrder({"size", "points"})
public record FaceTemplate(@JsonIgnore int width, @JsonIgnore int height, List<Point> points) {

  /** Number of landmarks in the template and in YuNet's output. */
  public static final int LANDMARKS = 5;

  /** A point in pixel coordinates, written {@code [x, y]}. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"x", "y"})
  public record Point(double x, double y) {
    public Point {
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("template point is not finite: (" + x + ", " + y + ")");
      }
    }
  }

  public FaceTemplate {
    points = List.copyOf(points);
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "face template size must be positive, got " + width + "x" + height);
    }
    if (points.size() != LANDMARKS) {
      throw new IllegalArgumentException(
          "face template needs " + LANDMARKS + " points, got " + points.size());
    }
  }

  @JsonCreator
  static FaceTemplate fromJson(
      @JsonProperty(value = "size", required = true) List<Integer> size,
      @JsonProperty(value = "points", required = true) List<Point> points) {
    if (size.size() != 2 || size.contains(null)) {
      throw new IllegalArgumentException("size must be [width, height]");
    }
    return new FaceTemplate(size.get(0), size.get(1), points);
  }

  /** {@code [width, height]}. */
  @JsonProperty("size")
  List<Integer> size() {
    return List.of(width, height);
  }
}
