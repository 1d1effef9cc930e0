package dev.dmtl.audit.metrics;

/**
 * A metric that is a share of counts, so that it has a Wilson score interval.
 *
 * @param successes numerator count
 * @param trials denominator count (the metric is NaN when it is 0)
 */
public record Proportion(double successes, double trials) {

  public Proportion {
    if (!(successes >= 0) || !(trials >= successes)) {
      throw new IllegalArgumentException("bad proportion " + successes + "/" + trials);
    }
  }

  /** successes / trials, NaN when there are no trials. */
  public double value() {
    return trials == 0 ? Double.NaN : successes / trials;
  }
}
