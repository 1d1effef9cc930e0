package dev.dmtl.audit.metrics;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Wilson score intervals for proportions, NaN where no interval exists. The formula is the one of
 * Commons Math's {@code WilsonScoreInterval}; that class builds a new normal distribution (and
 * seeds a Mersenne-Twister-sized generator) on every call, which dominated an audit's run time, so
 * the z quantile is computed once per level here and the interval in closed form.
 */
public final class Wilson {

  private Wilson() {}

  /** The two-sided normal quantile z for a confidence level, e.g. 1.959963… for 0.95. */
  public static double z(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }
    // null generator: no random numbers are drawn, and none is seeded
    return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - level) / 2);
  }

  /**
   * The Wilson score interval of {@code p}, as {lower, upper}; both NaN when there are no trials.
   *
   * @param z the normal quantile from {@link #z(double)}
   */
  public static double[] interval(Proportion p, double z) {
    double n = p.trials();
    if (n < 1) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double phat = p.successes() / n;
    double z2 = z * z;
    double centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(phat * (1 - phat) / n + z2 / (4 * n * n));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
