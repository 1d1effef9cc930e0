package dev.dmtl.inference.face.detect;

import dev.dmtl.inference.image.RgbImage;

/**
 * Bilinear resampling of {@link RgbImage}s. Pixel (i, j) covers the square [i, i+1) x [j, j+1), so
 * its centre is at (i + 0.5, j + 0.5); landmarks and boxes use the same continuous coordinates.
 */
public final class Bilinear {

  private Bilinear() {}

  /**
   * Resizes with OpenCV's {@code INTER_LINEAR} convention (half-pixel centres, edge pixels
   * repeated). Returns {@code image} itself when the size already matches.
   */
  public static RgbImage resize(RgbImage image, int width, int height) {
    if (width == image.width() && height == image.height()) {
      return image;
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "target size must be positive, got " + width + "x" + height);
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

  /**
   * Resizes with anti-aliasing when shrinking by more than 2x: each output pixel averages {@code kx
   * * ky} bilinear samples spread evenly over its footprint in the source, {@code k = ceil(source /
   * target)} per axis; up to 2x (and when enlarging) this is {@link #resize}. Plain bilinear reads
   * only the 4 nearest source pixels, so shrinking a 4000 px photo to 640 px would skip most of
   * them and alias fine detail (eyes, edges) into noise the detector sees.
   */
  public static RgbImage shrink(RgbImage image, int width, int height) {
    int kx = samplesPerAxis((double) image.width() / width);
    int ky = samplesPerAxis((double) image.height() / height);
    if (kx <= 1 && ky <= 1) {
      return resize(image, width, height);
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "target size must be positive, got " + width + "x" + height);
    }
    double sx = (double) image.width() / width;
    double sy = (double) image.height() / height;
    byte[] src = image.data();
    int sw = image.width();
    int sh = image.height();
    byte[] out = new byte[width * height * 3];
    double[] acc = new double[3];
    int samples = kx * ky;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        acc[0] = 0;
        acc[1] = 0;
        acc[2] = 0;
        for (int j = 0; j < ky; j++) {
          // sample centres at (y + (j + 0.5) / ky) in target units, then to source index space
          double v = clampIndex((y + (j + 0.5) / ky) * sy - 0.5, sh);
          int v0 = (int) v;
          int v1 = Math.min(v0 + 1, sh - 1);
          double wv = v - v0;
          for (int i = 0; i < kx; i++) {
            double u = clampIndex((x + (i + 0.5) / kx) * sx - 0.5, sw);
            int u0 = (int) u;
            int u1 = Math.min(u0 + 1, sw - 1);
            double wu = u - u0;
            int p00 = (v0 * sw + u0) * 3;
            int p01 = (v0 * sw + u1) * 3;
            int p10 = (v1 * sw + u0) * 3;
            int p11 = (v1 * sw + u1) * 3;
            for (int c = 0; c < 3; c++) {
              double top = (src[p00 + c] & 0xFF) * (1 - wu) + (src[p01 + c] & 0xFF) * wu;
              double bottom = (src[p10 + c] & 0xFF) * (1 - wu) + (src[p11 + c] & 0xFF) * wu;
              acc[c] += top * (1 - wv) + bottom * wv;
            }
          }
        }
        int o = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          out[o + c] = (byte) Math.round(acc[c] / samples);
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  /**
   * Samples per axis for shrinking by {@code factor}: 1 up to 2x, where the 2x2 bilinear footprint
   * still touches every source pixel (OpenCV's INTER_LINEAR), else {@code ceil(factor)}.
   */
  static int samplesPerAxis(double factor) {
    return factor > 2 ? (int) Math.ceil(factor - 1e-9) : 1;
  }

  private static double clampIndex(double s, int size) {
    return s < 0 ? 0 : Math.min(s, size - 1);
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

  /** Most samples per axis the warp averages per output pixel (a face 8x larger than the crop). */
  static final int MAX_SUPERSAMPLING = 8;

  /**
   * Warps {@code image} into a {@code width x height} crop: output pixel centre p maps to {@code
   * imageToCrop.inverse()(p)} in the image, sampled bilinearly; samples outside the image read
   * black (OpenCV's {@code warpAffine} with a zero constant border). When the face in the photo is
   * more than twice the crop's size (transform scale s &lt; 0.5), each output pixel averages {@code
   * k x k} samples over its footprint, {@code k = min(8, ceil(1 / s))}, so a large face is not
   * aliased; otherwise this is plain bilinear sampling.
   */
  public static RgbImage warp(
      RgbImage image, SimilarityTransform imageToCrop, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("crop size must be positive, got " + width + "x" + height);
    }
    SimilarityTransform back = imageToCrop.inverse();
    int k = Math.min(MAX_SUPERSAMPLING, samplesPerAxis(1 / imageToCrop.scale()));
    byte[] src = image.data();
    int sw = image.width();
    int sh = image.height();
    byte[] out = new byte[width * height * 3];
    double[] acc = new double[3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        acc[0] = 0;
        acc[1] = 0;
        acc[2] = 0;
        for (int j = 0; j < k; j++) {
          double cy = y + (j + 0.5) / k;
          for (int i = 0; i < k; i++) {
            double cx = x + (i + 0.5) / k;
            // continuous source coordinate, then to index space where pixel centres are integers
            sample(src, sw, sh, back.applyX(cx, cy) - 0.5, back.applyY(cx, cy) - 0.5, acc);
          }
        }
        int o = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          out[o + c] = (byte) Math.round(acc[c] / (k * k));
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  /**
   * Adds the bilinear sample at index-space (u, v) to {@code acc}; pixels outside the image are
   * black.
   */
  private static void sample(byte[] src, int sw, int sh, double u, double v, double[] acc) {
    double fu = Math.floor(u);
    double fv = Math.floor(v);
    if (fu < -1 || fv < -1 || fu >= sw || fv >= sh) {
      return; // all four neighbours outside: black
    }
    int iu = (int) fu;
    int iv = (int) fv;
    double wu = u - fu;
    double wv = v - fv;
    for (int c = 0; c < 3; c++) {
      double top = px(src, sw, sh, iu, iv, c) * (1 - wu) + px(src, sw, sh, iu + 1, iv, c) * wu;
      double bottom =
          px(src, sw, sh, iu, iv + 1, c) * (1 - wu) + px(src, sw, sh, iu + 1, iv + 1, c) * wu;
      acc[c] += top * (1 - wv) + bottom * wv;
    }
  }

  private static int px(byte[] src, int w, int h, int x, int y, int c) {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return 0;
    }
    return src[(y * w + x) * 3 + c] & 0xFF;
  }
}
