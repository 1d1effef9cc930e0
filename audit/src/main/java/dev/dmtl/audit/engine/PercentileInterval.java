package dev.dmtl.audit.engine;

/**
 * Percentile bootstrap intervals over the resamples where the statistic is defined, with the R-7
 * quantile definition (linear interpolation between order statistics, the default of R and NumPy,
 * and Commons Math's {@code EstimationType.R_7}). Written out because this runs for hundreds of
 * thousands of statistics per audit: the two order statistics are found by selection, not by
 * sorting. When the statistic is defined in fewer than half of the resamples there is no interval
 * (NaN): it is too unstable to bound.
 */
final class PercentileInterval {

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
