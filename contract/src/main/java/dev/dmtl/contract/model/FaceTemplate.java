package dev.dmtl.contract.model;

import java.util.List;

/**
 * Where the five landmarks land in the crop the model was trained on, in crop pixel coordinates
 * (x right, y down): left eye, right eye, nose tip, left mouth corner, right mouth corner, where
 * left/right are image left/right.
 *
 * @param width crop width in pixels
 * @param height crop height in pixels
 * @param points five {@code [x, y]} pairs
 */
public record FaceTemplate(int width, int height, List<Point> points) {

  /** Number of landmarks in the template and in YuNet's output. */
  public static final int LANDMARKS = 5;

  /** A point in pixel coordinates. */
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
      throw new IllegalArgumentException("face template size must be positive, got " + width + "x" + height);
    }
    if (points.size() != LANDMARKS) {
      throw new IllegalArgumentException("face template needs " + LANDMARKS + " points, got " + points.size());
    }
  }
}
