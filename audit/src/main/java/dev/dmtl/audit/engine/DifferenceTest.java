package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.Proportion;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sided test of "this group and the reference group have the same value", whose p-values
 * the audit corrects for multiple comparisons before it flags a difference. Continuous p-values are
 * needed: a count over a few hundred resamples cannot go below 1/B, and a correction over thousands
 * of differences asks for much less.
 */
final class DifferenceTest {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private DifferenceTest() {}

  /**
   * For a share of counts (accuracy, recall, coverage, …): the two-proportion z-test with the
   * pooled proportion, the classical test of equal rates. Unlike a standard error from the
   * resamples it stays honest at the edges: 20 of 20 right against 87 % is p ≈ 0.09, not a sure
   * difference because the 20 never vary.
   */
  static double proportions(Proportion group, Proportion reference) {
    double n1 = group.trials();
    double n2 = reference.trials();
    if (n1 == 0 || n2 == 0) {
      return Double.NaN;
    }
    double pooled = (group.successes() + reference.successes()) / (n1 + n2);
    double d = group.successes() / n1 - reference.successes() / n2;
    double variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
    if (variance == 0) {
      return 1; // both all 0 or all 1: no difference
    }
    return twoSided(d / Math.sqrt(variance));
  }

  /**
   * For any other metric (MAE, calibration error, …): a Wald test, z = d / SE with the standard
   * error of the resampled differences (the first {@code b} of {@code samples}, where defined); NaN
   * without enough resamples or without spread.
   */
  static double bootstrap(double d, double[] samples, int b) {
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
    double se = Math.sqrt(Math.max(0, (sumSq - m * mean * mean) / (m - 1)));
    if (se == 0) {
      return d == 0 ? 1 : Double.NaN;
    }
    return twoSided(d / se);
  }

  private static double twoSided(double z) {
    return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
  }
}
