package dev.dmtl.inference.face.detect;

import dev.dmtl.inference.image.RgbImage;

/**
 * Bilinear resampling of {@link RgbImage}s. Pixel (i, j) covers the square [i, i+1) x [j, j+1), so its
 * centre is at (i + 0.5, j + 0.5); landmarks and boxes use the same continuous coordinates.
 */
public final class Bilinear {

  private Bilinear() {}

  /**
   * Resizes with OpenCV's {@code INTER_LINEAR} convention (half-pixel centres, edge pixels repeated).
   * Returns {@code image} itself when the size already matches.
   */
  public static RgbImage resize(RgbImage image, int width, int height) {
    if (width == image.width() && height == image.height()) {
      return image;
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
    }
    int[] x0 = new int[width];
    int[] x1 = new int[width];
    float[] fx = new float[width];
    axis(image.width(), width, x0, x1, fx);
    int[] y0 = new int[height];
    int[] y1 = new int[height];
    float[] fy = new float[height];
    axis(image.height(), height, y0, y1, fy);
    byte[] src = image.data();
    byte[] out = new byte[width * height * 3];
    int sw = image.width();
    for (int y = 0; y < height; y++) {
      int r0 = y0[y] * sw;
      int r1 = y1[y] * sw;
      float wy = fy[y];
      for (int x = 0; x < width; x++) {
        int p00 = (r0 + x0[x]) * 3;
        int p01 = (r0 + x1[x]) * 3;
        int p10 = (r1 + x0[x]) * 3;
        int p11 = (r1 + x1[x]) * 3;
        float wx = fx[x];
        int o = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          float top = (src[p00 + c] & 0xFF) * (1 - wx) + (src[p01 + c] & 0xFF) * wx;
          float bottom = (src[p10 + c] & 0xFF) * (1 - wx) + (src[p11 + c] & 0xFF) * wx;
          out[o + c] = (byte) Math.round(top * (1 - wy) + bottom * wy);
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  /** Source indices and weights for each target position along one axis. */
  private static void axis(int srcSize, int dstSize, int[] i0, int[] i1, float[] frac) {
    double scale = (double) srcSize / dstSize;
    for (int d = 0; d < dstSize; d++) {
      double s = (d + 0.5) * scale - 0.5;
      if (s < 0) {
        s = 0;
      }
      int lo = (int) Math.floor(s);
      if (lo >= srcSize - 1) {
        i0[d] = srcSize - 1;
        i1[d] = srcSize - 1;
        frac[d] = 0;
      } else {
        i0[d] = lo;
        i1[d] = lo + 1;
        frac[d] = (float) (s - lo);
      }
    }
  }

  /**
   * Warps {@code image} into a {@code width x height} crop: output pixel centre p maps to
   * {@code imageToCrop.inverse()(p)} in the image, sampled bilinearly; samples outside the image read
   * black (OpenCV's {@code warpAffine} with a zero constant border).
   */
  public static RgbImage warp(RgbImage image, SimilarityTransform imageToCrop, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("crop size must be positive, got " + width + "x" + height);
    }
    SimilarityTransform back = imageToCrop.inverse();
    byte[] src = image.data();
    int sw = image.width();
    int sh = image.height();
    byte[] out = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      double cy = y + 0.5;
      for (int x = 0; x < width; x++) {
        double cx = x + 0.5;
        // continuous source coordinate, then to index space where pixel centres are integers
        double u = back.applyX(cx, cy) - 0.5;
        double v = back.applyY(cx, cy) - 0.5;
        int o = (y * width + x) * 3;
        double fu = Math.floor(u);
        double fv = Math.floor(v);
        if (fu < -1 || fv < -1 || fu >= sw || fv >= sh) {
          continue; // all four neighbours outside: black
        }
        int iu = (int) fu;
        int iv = (int) fv;
        double wu = u - fu;
        double wv = v - fv;
        for (int c = 0; c < 3; c++) {
          double top = px(src, sw, sh, iu, iv, c) * (1 - wu) + px(src, sw, sh, iu + 1, iv, c) * wu;
          double bottom = px(src, sw, sh, iu, iv + 1, c) * (1 - wu) + px(src, sw, sh, iu + 1, iv + 1, c) * wu;
          out[o + c] = (byte) Math.round(top * (1 - wv) + bottom * wv);
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  private static int px(byte[] src, int w, int h, int x, int y, int c) {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return 0;
    }
    return src[(y * w + x) * 3 + c] & 0xFF;
  }
}
