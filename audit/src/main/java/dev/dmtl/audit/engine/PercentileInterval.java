package dev.dmtl.audit.engine;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Percentile bootstrap intervals over the resamples where the statistic is defined, with the R-7
 * quantile definition (linear interpolation between order statistics, the default of R and NumPy,
 * and Commons Math's {@code EstimationType.R_7}); and the bootstrap test of a difference. Written
 * out because this runs for hundreds of thousands of statistics per audit: the two order statistics
 * are found by selection, not by sorting. When the statistic is defined in fewer than half of the
 * resamples there is no interval (NaN): it is too unstable to bound.
 */
final class PercentileInterval {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private final double lowerP;
  private final double upperP;

  PercentileInterval(double level) {
    this.lowerP = (1 - level) / 2;
    this.upperP = (1 + level) / 2;
  }

  /**
   * {lower, upper} of the finite values among the first {@code b} of {@code samples}, which is
   * reordered.
   */
  double[] of(double[] samples, int b) {
    int m = finiteFirst(samples, b);
    if (m == 0 || 2 * m < b) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {quantile(samples, m, lowerP), quantile(samples, m, upperP)};
  }

  /**
   * The two-sided p-value of "no difference" for a difference {@code d} whose resampled values are
   * the first {@code b} of {@code samples}: from z = d / SE with the bootstrap standard error (a
   * Wald test), so that p-values stay continuous and small enough to survive a multiple-comparison
   * correction, which a percentile count over a few hundred resamples cannot. NaN when there is no
   * interval or no spread.
   */
  static double pValue(double d, double[] samples, int b) {
    if (Double.isNaN(d)) {
      return Double.NaN;
    }
    double sum = 0;
    double sumSq = 0;
    int m = 0;
    for (int r = 0; r < b; r++) {
      double s = samples[r];
      if (!Double.isNaN(s) && !Double.isInfinite(s)) {
        sum += s;
        sumSq += s * s;
        m++;
      }
    }
    if (m < 2 || 2 * m < b) {
      return Double.NaN;
    }
    double mean = sum / m;
    double variance = Math.max(0, (sumSq - m * mean * mean) / (m - 1));
    double se = Math.sqrt(variance);
    if (se == 0) {
      return d == 0 ? 1 : Double.NaN;
    }
    return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(d / se));
  }

  /** Moves the finite values to the front; returns how many there are. */
  private static int finiteFirst(double[] a, int b) {
    int m = 0;
    for (int r = 0; r < b; r++) {
      double s = a[r];
      if (!Double.isNaN(s) && !Double.isInfinite(s)) {
        a[m++] = s;
      }
    }
    return m;
  }

  /** R-7 over a[0..m): h = (m − 1)·p, interpolate between the floor(h)-th and the next one. */
  static double quantile(double[] a, int m, double p) {
    double h = (m - 1) * p;
    int lo = (int) Math.floor(h);
    double low = select(a, m, lo);
    if (lo + 1 >= m || h == lo) {
      return low;
    }
    // after selecting lo, everything to its right is at least a[lo]: the next is their minimum
    double next = Double.POSITIVE_INFINITY;
    for (int i = lo + 1; i < m; i++) {
      next = Math.min(next, a[i]);
    }
    return low + (h - lo) * (next - low);
  }

  /** The k-th smallest of a[0..m), moving it to a[k] (Hoare's selection, median-of-three). */
  static double select(double[] a, int m, int k) {
    int left = 0;
    int right = m - 1;
    while (right > left) {
      int mid = (left + right) >>> 1;
      double pivot = median(a[left], a[mid], a[right]);
      int i = left;
      int j = right;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        break;
      }
    }
    return a[k];
  }

  private static double median(double x, double y, double z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }
}
