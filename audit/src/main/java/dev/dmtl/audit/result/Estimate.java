package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

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
public record Estimate(
    double value, @JsonProperty("ci_lower") double lower, @JsonProperty("ci_upper") double upper) {

  public static final Estimate NAN = new Estimate(Double.NaN, Double.NaN, Double.NaN);

  /**
   * The filter that leaves an estimate without any number out of the JSON (Jackson calls {@code
   * equals} with the value and leaves the property out when it answers true).
   */
  public static final class NothingKnown {
    @Override
    public boolean equals(Object value) {
      return value == null
          || (value instanceof Estimate e
              && Double.isNaN(e.value)
              && Double.isNaN(e.lower)
              && Double.isNaN(e.upper));
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** A value without an interval. */
  public static Estimate of(double value) {
    return new Estimate(value, Double.NaN, Double.NaN);
  }

  @JsonIgnore
  public boolean isNaN() {
    return Double.isNaN(value);
  }
}
