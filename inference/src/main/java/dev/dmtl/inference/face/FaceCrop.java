package dev.dmtl.inference.face;

import dev.dmtl.inference.image.RgbImage;
import java.util.Objects;

/**
 * One face, ready for the model: {@code crop} already has the model's input size.
 *
 * @param faceIndex 0-based index of the face within its image (detection order, by score)
 * @param detection where the face was found, or null for {@code --faces aligned}, where the whole
 *     image is the face
 * @param crop the face at the model's input width and height
 */
public record FaceCrop(int faceIndex, FaceDetection detection, RgbImage crop) {
  public FaceCrop {
    Objects.requireNonNull(crop, "crop");
    if (faceIndex < 0) {
      throw new IllegalArgumentException("faceIndex must be >= 0");
    }
  }
}
