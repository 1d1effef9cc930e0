package dev.dmtl.inference.face.detect;

import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.testdata.AnnotatedPhoto;
import dev.dmtl.testdata.DetectionMatch;
import dev.dmtl.testdata.Photos;
import java.io.IOException;
import java.util.List;

/**
 * The photos of testdata/photos as the detector tests need them: decoded, and their hand-made boxes
 * in the form {@link DetectionMatch} matches against.
 */
final class ShippedPhotos {

  /**
   * Minimum IoU for a detection to count as an annotated face. The usual PASCAL/WIDER criterion;
   * the hand-made boxes are good to 2-3 px, which on the group photo's ~28 px faces already costs
   * up to 0.2 of IoU, and YuNet's boxes run from forehead to chin where the annotation starts at
   * the hairline. Lowest IoU of a true match measured with {@code --detect-size 1024}: 0.70 on the
   * group photo, 0.82 and 0.92 on the portraits.
   */
  static final double MIN_IOU = 0.5;

  private ShippedPhotos() {}

  static RgbImage read(String name) throws IOException, ImageDecodeException {
    return PhotoFiles.read(Photos.file(name));
  }

  /** Detections matched to a photo's annotated faces, with the detector's own IoU. */
  static DetectionMatch<FaceDetection> match(List<FaceDetection> found, AnnotatedPhoto photo) {
    return DetectionMatch.of(
        found,
        FaceDetection::score,
        (d, b) -> NonMaxSuppression.iou(d, b.left(), b.top(), b.width(), b.height()),
        photo.boxes(),
        MIN_IOU);
  }
}
