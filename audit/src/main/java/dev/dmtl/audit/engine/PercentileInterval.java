package dev.dmtl.audit.engine;

import java.util.Arrays;

/**
 * Percentile bootstrap intervals over the resamples where the statistic is defined, with the R-7
 * quantile definition (linear interpolation between order statistics, the default of R and NumPy,
 * and Commons Math's {@code EstimationType.R_7}). Written out because this runs for tens of
 * thousands of statistics per audit and Commons Math's {@code Percentile} copies and re-selects the
 * data for every call. When the statistic is defined in fewer than half of the resamples there is
 * no interval (NaN): it is too unstable to bound.
 */
final class PercentileInterval {

  private final double lowerP;
  private final double upperP;

  PercentileInterval(double level) {
    this.lowerP = (1 - level) / 2;
    this.upperP = (1 + level) / 2;
  }

  /** {lower, upper} of the finite values among {@code samples} (which is not modified). */
  double[] of(double[] samples) {
    double[] finite = new double[samples.length];
    int m = 0;
    for (double s : samples) {
      if (!Double.isNaN(s) && !Double.isInfinite(s)) {
        finite[m++] = s;
      }
    }
    if (m == 0 || 2 * m < samples.length) {
      return new double[] {Double.NaN, Double.NaN};
    }
    Arrays.sort(finite, 0, m);
    return new double[] {quantile(finite, m, lowerP), quantile(finite, m, upperP)};
  }

  /** h = (m − 1)·p, interpolate between the floor(h)-th and the next order statistic. */
  static double quantile(double[] sorted, int m, double p) {
    double h = (m - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, m - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
