package dev.dmtl.training.data;

import dev.dmtl.contract.model.InputSpec;
import java.util.Random;

/**
 * Writes cached crops into a float NCHW batch buffer, normalised as the model contract's {@link
 * InputSpec} says, with or without augmentation. With no augmentation the output equals the cached
 * pixels exactly, which is what the pipeline's aligned mode feeds the exported model.
 */
public final class BatchBuilder {

  private final FaceCache cache;
  private final InputSpec input;
  private final Augmentation augmentation;
  private final float[] scale = new float[3];
  private final float[] offset = new float[3];

  public BatchBuilder(FaceCache cache, InputSpec input, Augmentation augmentation) {
    if (input.width() != cache.size() || input.height() != cache.size()) {
      throw new IllegalArgumentException(
          "cache is " + cache.size() + " px, input is " + input.width() + "x" + input.height());
    }
    this.cache = cache;
    this.input = input;
    this.augmentation = augmentation;
    for (int c = 0; c < 3; c++) {
      // (v / s - mean) / std == v * scale + offset
      scale[c] = (float) (1.0 / (input.scale() * input.std().get(c)));
      offset[c] = (float) (-input.mean().get(c) / input.std().get(c));
    }
  }

  /**
   * Fills slot {@code slot} of {@code batch} with image {@code index}; {@code rng} null = no
   * jitter.
   */
  public void fill(float[] batch, int slot, int index, Random rng) {
    int s = cache.size();
    int plane = s * s;
    int base = slot * 3 * plane;
    byte[] px = cache.pixels();
    int off = cache.offset(index);
    Augmentation.Draw d = rng == null ? Augmentation.Draw.IDENTITY : augmentation.draw(rng, s);
    if (d.equals(Augmentation.Draw.IDENTITY)) {
      for (int i = 0; i < plane; i++) {
        for (int c = 0; c < 3; c++) {
          batch[base + c * plane + i] = (px[off + i * 3 + c] & 0xFF) * scale[c] + offset[c];
        }
      }
      return;
    }
    // Inverse map each output pixel to the source: src = R^-1 (out - centre - shift) / scale +
    // centre.
    double centre = (s - 1) / 2.0;
    double cos = Math.cos(d.angle()) / d.scale();
    double sin = Math.sin(d.angle()) / d.scale();
    float mean = 0;
    float[] rgb = new float[plane * 3];
    for (int y = 0; y < s; y++) {
      double oy = y - centre - d.dy();
      for (int x = 0; x < s; x++) {
        double ox = x - centre - d.dx();
        double sx = cos * ox + sin * oy + centre;
        double sy = -sin * ox + cos * oy + centre;
        if (d.flip()) {
          sx = s - 1 - sx;
        }
        sx = Math.max(0, Math.min(s - 1, sx));
        sy = Math.max(0, Math.min(s - 1, sy));
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(x0 + 1, s - 1);
        int y1 = Math.min(y0 + 1, s - 1);
        double wx = sx - x0;
        double wy = sy - y0;
        int p00 = off + (y0 * s + x0) * 3;
        int p01 = off + (y0 * s + x1) * 3;
        int p10 = off + (y1 * s + x0) * 3;
        int p11 = off + (y1 * s + x1) * 3;
        int o = (y * s + x) * 3;
        for (int c = 0; c < 3; c++) {
          double top = (px[p00 + c] & 0xFF) * (1 - wx) + (px[p01 + c] & 0xFF) * wx;
          double bot = (px[p10 + c] & 0xFF) * (1 - wx) + (px[p11 + c] & 0xFF) * wx;
          float v = (float) (top * (1 - wy) + bot * wy);
          rgb[o + c] = v;
          mean += v;
        }
      }
    }
    mean /= plane * 3;
    for (int i = 0; i < plane; i++) {
      int o = i * 3;
      float grey = 0.299f * rgb[o] + 0.587f * rgb[o + 1] + 0.114f * rgb[o + 2];
      for (int c = 0; c < 3; c++) {
        double v = grey + (rgb[o + c] - grey) * d.saturation(); // saturation about the pixel's grey
        v = mean + (v - mean) * d.contrast(); // contrast about the image mean
        v = v * d.brightness();
        v = Math.max(0, Math.min(255, v));
        batch[base + c * plane + i] = (float) v * scale[c] + offset[c];
      }
    }
  }

  public FaceCache cache() {
    return cache;
  }

  public InputSpec input() {
    return input;
  }
}
