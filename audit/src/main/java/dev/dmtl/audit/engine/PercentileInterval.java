package dev.dmtl.audit.engine;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Percentile bootstrap intervals (quantile definition R-7, linear interpolation, via Commons Math)
 * over the resamples where the statistic is defined. When it is defined in fewer than half of
 * the resamples, there is no interval (NaN): the statistic is too unstable to bound.
 */
final class PercentileInterval {

  private final double lowerPercent;
  private final double upperPercent;

  PercentileInterval(double level) {
    this.lowerPercent = 100 * (1 - level) / 2;
    this.upperPercent = 100 * (1 + level) / 2;
  }

  /** {lower, upper} of the finite values among {@code samples}. */
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
    Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
    p.setData(finite, 0, m);
    return new double[] {p.evaluate(lowerPercent), p.evaluate(upperPercent)};
  }
}
