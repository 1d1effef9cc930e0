package dev.dmtl.audit.result;

import dev.dmtl.audit.metrics.MetricKey;
import java.util.Objects;

/**
 * One metric of one group.
 *
 * @param key task, metric, class or k
 * @param n rows behind the value: for labelled tasks the group's rows with a known label for this
 *     task (and a prediction); label-free the group's rows; for coverage the group's inputs
 * @param insufficient true when {@code n} is below the minimum group size: every number below is
 *     then NaN (the group is still listed, never dropped)
 * @param estimate value and bootstrap interval
 * @param wilson Wilson score interval for proportions ({@link dev.dmtl.audit.metrics.Metric#isProportion()}),
 *     {@link Interval#NONE} otherwise or when insufficient
 * @param vsReference this group's value minus the reference group's, with a bootstrap interval
 *     (NaN for the overall group, and when either side is insufficient)
 * @param ratioToReference this group's value divided by the reference group's, with an interval
 * @param vsOverall this group's value minus the overall value, with an interval
 */
public record MetricResult(MetricKey key, long n, boolean insufficient, Estimate estimate, Interval wilson,
    Estimate vsReference, Estimate ratioToReference, Estimate vsOverall) {

  public MetricResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(wilson, "wilson");
    Objects.requireNonNull(vsReference, "vsReference");
    Objects.requireNonNull(ratioToReference, "ratioToReference");
    Objects.requireNonNull(vsOverall, "vsOverall");
    if (n < 0) {
      throw new IllegalArgumentException("negative n " + n);
    }
  }

  /** The point estimate (NaN when undefined or insufficient). */
  public double value() {
    return estimate.value();
  }
}
