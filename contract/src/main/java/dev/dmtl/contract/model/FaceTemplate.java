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

  /**
   * Margin of the default template on each side, as a share of the crop: the 112×112 five-point
   * template of ArcFace / InsightFace is tight (the landmarks span most of the crop), while
   * attribute models are usually trained on looser crops with hair, chin and ears.
   */
  public static final double DEFAULT_MARGIN = 0.1;

  /** The common five-point template for a 112×112 crop (ArcFace / InsightFace alignment). */
  private static final double[][] ARCFACE_112 = {
    {38.2946, 51.6963},
    {73.5318, 51.5014},
    {56.0252, 71.7366},
    {41.5493, 92.3655},
    {70.7299, 92.2041}
  };

  /**
   * The template used with {@code --faces detect} for a model that declares none
   * (docs/OWN_MODELS.md): the ArcFace 112×112 five-point template scaled to the model's input and
   * shrunk toward the crop's centre by {@link #DEFAULT_MARGIN} on each side. A stand-in, not the
   * model's training alignment: the run provenance says when it was used.
   */
  public static FaceTemplate defaultFor(int width, int height) {
    double keep = 1 - 2 * DEFAULT_MARGIN;
    List<Point> points = new java.util.ArrayList<>();
    for (double[] p : ARCFACE_112) {
      points.add(
          new Point(
              (DEFAULT_MARGIN + keep * p[0] / 112.0) * width,
              (DEFAULT_MARGIN + keep * p[1] / 112.0) * height));
    }
    return new FaceTemplate(width, height, points);
  }

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
