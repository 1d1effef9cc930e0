package dev.dmtl.inference.face;

import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.inference.image.Resize;
import dev.dmtl.inference.image.RgbImage;
import java.util.List;

/**
 * {@code --faces aligned}: every image is already a face crop (as UTKFace's "aligned &amp; cropped"
 * set is), so the whole image, resized to the model's input with antialiasing, is the one face.
 * Aspect ratio is not preserved, matching how such crops are fed to a model in training.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlignedFaceExtractor implements FaceExtractor {

  private final int width;
  private final int height;

  public AlignedFaceExtractor(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "model input size must be positive, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  /** An extractor producing crops of the size {@code input} declares. */
  public static AlignedFaceExtractor forInput(InputSpec input) {
    return new AlignedFaceExtractor(input.width(), input.height());
  }

  @Override
  public List<FaceCrop> extract(RgbImage image) {
    return List.of(new FaceCrop(0, null, Resize.to(image, width, height)));
  }
}
