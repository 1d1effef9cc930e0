package dev.dmtl.audit.metrics;

/** Which way is better for a metric, so that reports can colour a gap without a lookup table. */
public enum Direction {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER,
  /** Neither is better: sizes, predicted shares, signed error (closer to 0 is better). */
  NEUTRAL
}
