package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A closed interval, e.g. a Wilson score interval; both bounds NaN when there is none.
 *
 * @param lower lower bound
 * @param upper upper bound
 */
public record Interval(double lower, double upper) {

  public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

  /** The filter that leaves {@link #NONE} out of the JSON. */
  public static final class None {
    @Override
    public boolean equals(Object value) {
      return value == null || (value instanceof Interval i && i.isNone());
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  @JsonIgnore
  public boolean isNone() {
    return Double.isNaN(lower) && Double.isNaN(upper);
  }
}
