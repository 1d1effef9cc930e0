package dev.dmtl.inference.face.detect;

/**
 * A 2-D similarity transform without reflection: rotation, uniform scale and translation, {@code x'
 * = a*x - b*y + tx}, {@code y' = b*x + a*y + ty}, i.e. scale {@code sqrt(a² + b²)} and rotation
 * {@code atan2(b, a)}.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

  public SimilarityTransform {
    if (!Double.isFinite(a)
        || !Double.isFinite(b)
        || !Double.isFinite(tx)
        || !Double.isFinite(ty)) {
      throw new IllegalArgumentException("similarity transform parameters must be finite");
    }
  }

  public static final SimilarityTransform IDENTITY = new SimilarityTransform(1, 0, 0, 0);

  /**
   * The transform that scales by {@code scale}, rotates by {@code radians} (counter-clockwise in
   * x-right, y-up terms), then translates.
   */
  public static SimilarityTransform of(double scale, double radians, double tx, double ty) {
    return new SimilarityTransform(scale * Math.cos(radians), scale * Math.sin(radians), tx, ty);
  }

  /**
   * The least-squares similarity mapping {@code src} onto {@code dst}: minimises the sum of squared
   * distances {@code Σ |T(src_i) - dst_i|²}. Closed form: with both point sets centred on their
   * means, {@code a = Σ(x·u + y·v) / Σ(x² + y²)}, {@code b = Σ(x·v − y·u) / Σ(x² + y²)}, and the
   * translation maps the source mean onto the destination mean. Because (a, b) ranges over every
   * rotation-and-scale matrix {@code [[a, −b], [b, a]]}, this is Umeyama's (1991) solution
   * restricted to proper rotations: it can never produce a reflection, even for mirrored point
   * sets.
   *
   * @param src n &gt;= 2 points as {@code x0, y0, x1, y1, …}
   * @param dst the same number of points
   * @throws IllegalArgumentException if the sizes differ or all source points coincide
   */
  public static SimilarityTransform estimate(double[] src, double[] dst) {
    if (src.length != dst.length || src.length < 4 || src.length % 2 != 0) {
      throw new IllegalArgumentException(
          "need two equally long lists of at least 2 (x, y) points, got "
              + src.length
              + " and "
              + dst.length
              + " values");
    }
    int n = src.length / 2;
    double mx = 0;
    double my = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < n; i++) {
      mx += src[2 * i];
      my += src[2 * i + 1];
      nx += dst[2 * i];
      ny += dst[2 * i + 1];
    }
    mx /= n;
    my /= n;
    nx /= n;
    ny /= n;
    double ss = 0;
    double pa = 0;
    double pb = 0;
    for (int i = 0; i < n; i++) {
      double x = src[2 * i] - mx;
      double y = src[2 * i + 1] - my;
      double u = dst[2 * i] - nx;
      double v = dst[2 * i + 1] - ny;
      ss += x * x + y * y;
      pa += x * u + y * v;
      pb += x * v - y * u;
    }
    if (!(ss > 0)) {
      throw new IllegalArgumentException(
          "the source points all coincide; no similarity transform is defined");
    }
    double a = pa / ss;
    double b = pb / ss;
    return new SimilarityTransform(a, b, nx - (a * mx - b * my), ny - (b * mx + a * my));
  }

  /** Uniform scale factor. */
  public double scale() {
    return Math.hypot(a, b);
  }

  /**
   * Rotation in radians, {@code atan2(b, a)}; in image coordinates (y down) positive turns
   * clockwise.
   */
  public double rotation() {
    return Math.atan2(b, a);
  }

  public double applyX(double x, double y) {
    return a * x - b * y + tx;
  }

  public double applyY(double x, double y) {
    return b * x + a * y + ty;
  }

  /** The inverse transform. */
  public SimilarityTransform inverse() {
    double d = a * a + b * b;
    if (!(d > 0)) {
      throw new IllegalStateException("a transform with zero scale has no inverse");
    }
    double ia = a / d;
    double ib = -b / d;
    return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
  }

  /** Root-mean-square distance between {@code T(src_i)} and {@code dst_i}, in destination units. */
  public double rmsError(double[] src, double[] dst) {
    double sum = 0;
    int n = src.length / 2;
    for (int i = 0; i < n; i++) {
      double dx = applyX(src[2 * i], src[2 * i + 1]) - dst[2 * i];
      double dy = applyY(src[2 * i], src[2 * i + 1]) - dst[2 * i + 1];
      sum += dx * dx + dy * dy;
    }
    return Math.sqrt(sum / n);
  }
}
