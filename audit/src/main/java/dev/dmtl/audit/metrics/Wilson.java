package dev.dmtl.audit.metrics;

import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/** Wilson score intervals for proportions (Commons Math), NaN where no interval exists. */
public final class Wilson {

  private static final WilsonScoreInterval WILSON = new WilsonScoreInterval();

  private Wilson() {}

  /**
   * The Wilson score interval of {@code p} at the given level, as {lower, upper}; both NaN when
   * there are no trials. Counts above {@link Integer#MAX_VALUE} are beyond what Commons Math takes
   * and never occur for a single group here.
   */
  public static double[] interval(Proportion p, double level) {
    if (p.trials() < 1) {
      return new double[] {Double.NaN, Double.NaN};
    }
    var ci = WILSON.createInterval(Math.toIntExact(Math.round(p.trials())), Math.toIntExact(Math.round(p.successes())), level);
    return new double[] {ci.getLowerBound(), ci.getUpperBound()};
  }
}
