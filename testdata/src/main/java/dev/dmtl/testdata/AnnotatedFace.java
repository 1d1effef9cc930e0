package dev.dmtl.testdata;

import java.util.List;

/**
 * One face annotated by hand in a shipped photo, in pixels of that photo (origin top-left): a box
 * from cheek to cheek and from the hairline to the chin, and, where annotated, the five landmarks.
 *
 * @param landmarks empty, or five points in the detector's and face template's order: the eye on
 *     the image's left, the eye on the image's right, nose tip, mouth corner on the image's left,
 *     mouth corner on the image's right
 */
public record AnnotatedFace(
    double x, double y, double width, double height, List<Point> landmarks) {

  /** A point in pixels. */
  public record Point(double x, double y) {}

  public AnnotatedFace {
    if (!(width > 0 && height > 0)) {
      throw new IllegalArgumentException(
          "a face box needs a positive size: " + width + "x" + height);
    }
    landmarks = landmarks == null ? List.of() : List.copyOf(landmarks);
    if (!landmarks.isEmpty() && landmarks.size() != 5) {
      throw new IllegalArgumentException(
          "a face has no or five landmarks, not " + landmarks.size());
    }
  }

  /**
   * Distance between the two eyes in pixels, the usual unit for landmark errors; needs landmarks.
   */
  public double interocular() {
    if (landmarks.isEmpty()) {
      throw new IllegalStateException("this face has no annotated landmarks");
    }
    return Math.hypot(
        landmarks.get(1).x() - landmarks.get(0).x(), landmarks.get(1).y() - landmarks.get(0).y());
  }
}
