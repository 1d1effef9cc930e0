package dev.dmtl.audit.result;

/**
 * A closed interval, e.g. a Wilson score interval; both bounds NaN when there is none.
 *
 * @param lower lower bound
 * @param upper upper bound
 */
public record Interval(double lower, double upper) {

  public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

  public boolean isNone() {
    return Double.isNaN(lower) && Double.isNaN(upper);
  }
}
