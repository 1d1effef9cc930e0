package dev.dmtl.inference.model;

import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.inference.image.RgbImage;

/**
 * Writes RGB crops into the model's float32 input, in its layout (NCHW or NHWC) and channel order
 * (RGB or BGR), normalised as the contract's {@code dmtl.input} says: {@code (v / scale − mean[c])
 * / std[c]} for model channel c. A 256-entry table per channel replaces the arithmetic per sample.
 * Immutable and thread-safe.
 */
public final class InputNormalizer {

  private final InputSpec spec;
  private final float[][] table = new float[3][256];

  public InputNormalizer(InputSpec spec) {
    this.spec = spec;
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        table[c][v] = spec.normalise(c, v);
      }
    }
  }

  /** Floats one crop occupies: {@code 3 × height × width}. */
  public int sampleSize() {
    return 3 * spec.height() * spec.width();
  }

  /**
   * Writes {@code crop} as sample {@code index} of {@code batch}.
   *
   * @throws IllegalArgumentException when the crop is not the model's input size
   */
  public void write(RgbImage crop, float[] batch, int index) {
    if (crop.width() != spec.width() || crop.height() != spec.height()) {
      throw new IllegalArgumentException(
          "crop is "
              + crop.width()
              + "x"
              + crop.height()
              + ", the model takes "
              + spec.width()
              + "x"
              + spec.height());
    }
    int plane = spec.height() * spec.width();
    int base = index * 3 * plane;
    byte[] px = crop.data();
    // model channel c reads RGB byte src[c] of each pixel: 0,1,2 for RGB, 2,1,0 for BGR
    int s0 = spec.rgbIndex(0);
    int s1 = spec.rgbIndex(1);
    int s2 = spec.rgbIndex(2);
    float[] t0 = table[0];
    float[] t1 = table[1];
    float[] t2 = table[2];
    if (spec.layout() == InputSpec.Layout.NCHW) {
      for (int i = 0, s = 0; i < plane; i++, s += 3) {
        batch[base + i] = t0[px[s + s0] & 0xFF];
        batch[base + plane + i] = t1[px[s + s1] & 0xFF];
        batch[base + 2 * plane + i] = t2[px[s + s2] & 0xFF];
      }
    } else {
      for (int i = 0, s = 0; i < plane; i++, s += 3) {
        batch[base + s] = t0[px[s + s0] & 0xFF];
        batch[base + s + 1] = t1[px[s + s1] & 0xFF];
        batch[base + s + 2] = t2[px[s + s2] & 0xFF];
      }
    }
  }
}
