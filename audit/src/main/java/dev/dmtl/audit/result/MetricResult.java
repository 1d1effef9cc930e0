package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
 * @param wilson Wilson score interval for proportions ({@link
 *     dev.dmtl.audit.metrics.Metric#isProportion()}), {@link Interval#NONE} otherwise or when
 *     insufficient
 * @param vsReference this group's value minus the reference group's, with a bootstrap interval (NaN
 *     for the overall group, and when either side is insufficient)
 * @param ratioToReference this group's value divided by the reference group's, with an interval
 * @param vsOverall this group's value minus the overall value, with an interval
 * @param pValue two-sided p-value of "no difference to the reference group": for shares of counts
 *     the two-proportion z-test with the pooled proportion, for other metrics a Wald test with the
 *     bootstrap standard error; NaN for the reference group itself, the overall group, and (other
 *     metrics) without a bootstrap
 * @param pAdjusted the p-value after the audit's multiple-comparison correction (Holm or
 *     Benjamini–Hochberg over every difference tested), NaN where there is no p-value; a metric
 *     that is a complement or a monotone function of another ({@link
 *     dev.dmtl.audit.metrics.Metric#testedAs()}) is not counted again and takes that one's
 * @param flagged true when the difference to the reference is significant after the correction (for
 *     a metric tested through another: when that one is)
 */
@JsonPropertyOrder({
  "key",
  "task",
  "metric",
  "class",
  "k",
  "n",
  "insufficient",
  "estimate",
  "wilson",
  "vs_reference",
  "ratio_to_reference",
  "vs_overall",
  "p_value",
  "p_adjusted",
  "flagged"
})
public record MetricResult(
    @JsonProperty(required = true) MetricKey key,
    long n,
    boolean insufficient,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate estimate,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Interval.None.class)
        Interval wilson,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate vsReference,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate ratioToReference,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate vsOverall,
    double pValue,
    double pAdjusted,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean flagged) {

  public MetricResult {
    Objects.requireNonNull(key, "key");
    // the JSON leaves out what holds no number: absent reads back as "nothing known"
    estimate = estimate == null ? Estimate.NAN : estimate;
    wilson = wilson == null ? Interval.NONE : wilson;
    vsReference = vsReference == null ? Estimate.NAN : vsReference;
    ratioToReference = ratioToReference == null ? Estimate.NAN : ratioToReference;
    vsOverall = vsOverall == null ? Estimate.NAN : vsOverall;
    if (n < 0) {
      throw new IllegalArgumentException("negative n " + n);
    }
  }

  /** Without a test of the difference to the reference group. */
  public MetricResult(
      MetricKey key,
      long n,
      boolean insufficient,
      Estimate estimate,
      Interval wilson,
      Estimate vsReference,
      Estimate ratioToReference,
      Estimate vsOverall) {
    this(
        key,
        n,
        insufficient,
        estimate,
        wilson,
        vsReference,
        ratioToReference,
        vsOverall,
        Double.NaN,
        Double.NaN,
        false);
  }

  /** A copy with the raw p-value of the difference to the reference group. */
  public MetricResult withPValue(double p) {
    return new MetricResult(
        key,
        n,
        insufficient,
        estimate,
        wilson,
        vsReference,
        ratioToReference,
        vsOverall,
        p,
        pAdjusted,
        flagged);
  }

  /** A copy with the corrected p-value and the decision it gives. */
  public MetricResult withCorrection(double adjusted, boolean isFlagged) {
    return new MetricResult(
        key,
        n,
        insufficient,
        estimate,
        wilson,
        vsReference,
        ratioToReference,
        vsOverall,
        pValue,
        adjusted,
        isFlagged);
  }

  /** The task, from the key (written for readers; ignored when read). */
  @JsonProperty(value = "task", access = JsonProperty.Access.READ_ONLY)
  String taskName() {
    return key.task();
  }

  /** The metric, from the key. */
  @JsonProperty(value = "metric", access = JsonProperty.Access.READ_ONLY)
  String metricName() {
    return key.metric().jsonName();
  }

  /** The class, from the key, or null. */
  @JsonProperty(value = "class", access = JsonProperty.Access.READ_ONLY)
  String className() {
    return key.label();
  }

  /** k of CS(k), from the key, or null. */
  @JsonProperty(value = "k", access = JsonProperty.Access.READ_ONLY)
  Integer csK() {
    return key.k();
  }

  /** The point estimate (NaN when undefined or insufficient). */
  public double value() {
    return estimate.value();
  }
}
