package dev.dmtl.audit.result;

/**
 * A point value with its seeded bootstrap percentile interval. Any field may be NaN: the value when
 * the metric is undefined or the group is too small (see {@link MetricResult#insufficient()}), the
 * bounds also when the bootstrap is off or the metric was defined in fewer than half of the
 * resamples.
 *
 * @param value the point estimate on all rows
 * @param lower lower bound of the percentile interval at the audit's confidence level
 * @param upper upper bound
 */
public record Estimate(double value, double lower, double upper) {

  public static final Estimate NAN = new Estimate(Double.NaN, Double.NaN, Double.NaN);

  /** A value without an interval. */
  public static Estimate of(double value) {
    return new Estimate(value, Double.NaN, Double.NaN);
  }

  public boolean isNaN() {
    return Double.isNaN(value);
  }
}
