package dev.dmtl.inference.face;

/**
 * A face found by a detector, in the source image's pixel coordinates (x right, y down).
 *
 * @param x left edge of the box
 * @param y top edge of the box
 * @param width box width
 * @param height box height
 * @param score detector confidence in [0, 1]
 * @param landmarks 10 values: (x, y) of left eye, right eye, nose tip, left and right mouth corner
 *     (image left/right), the order of {@link dev.dmtl.contract.model.FaceTemplate}
 */
public record FaceDetection(
    float x, float y, float width, float height, float score, float[] landmarks) {
  public FaceDetection {
    if (landmarks == null || landmarks.length != 10) {
      throw new IllegalArgumentException("a detection needs 10 landmark values (5 points)");
    }
  }
}
