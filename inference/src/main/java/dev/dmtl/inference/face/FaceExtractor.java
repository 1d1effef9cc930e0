package dev.dmtl.inference.face;

import dev.dmtl.inference.image.RgbImage;
import java.util.List;

/**
 * Finds the faces of one decoded image and returns them at the model's input size. One
 * implementation per {@code --faces} mode. Implementations must be safe for concurrent use.
 */
public interface FaceExtractor {

  /**
   * @param image the decoded image, EXIF orientation already applied
   * @return the faces, best first; empty when there is none (the caller records a NO_FACE dead
   *     letter)
   * @throws FaceExtractionException when the image cannot be processed (an ALIGN or DETECT dead
   *     letter)
   */
  List<FaceCrop> extract(RgbImage image) throws FaceExtractionException;
}
