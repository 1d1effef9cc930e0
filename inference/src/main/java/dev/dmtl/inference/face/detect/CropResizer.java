package dev.dmtl.inference.face.detect;

import dev.dmtl.inference.image.RgbImage;

/**
 * Resizes an aligned face crop (template size) to the model's input size. Pluggable so that detect
 * mode can use exactly the resize the aligned mode applies to dataset crops: the closer the two,
 * the closer a detected face looks to a training crop. {@link #BILINEAR} is the default.
 */
@FunctionalInterface
public interface CropResizer {

  /** OpenCV {@code INTER_LINEAR} semantics, see {@link Bilinear#resize}. */
  CropResizer BILINEAR = Bilinear::resize;

  /**
   * {@code crop} at {@code width x height}; may return {@code crop} itself when the size matches.
   */
  RgbImage resize(RgbImage crop, int width, int height);
}
