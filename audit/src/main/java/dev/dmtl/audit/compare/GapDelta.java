package dev.dmtl.audit.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Estimate;
import java.util.Objects;

/**
 * One fairness gap under both models. Each model's gap is the gap its own audit reports (over its
 * own sufficient groups); the change is candidate − baseline, resample by resample.
 *
 * @param grouping the grouping
 * @param task the task
 * @param metric the metric, null for task-level gaps (equalized odds, demographic parity)
 * @param kind the gap kind
 * @param baseline the baseline's gap and its interval
 * @param candidate the candidate's gap and its interval
 * @param delta candidate − baseline and its paired bootstrap interval
 * @param verdict what the change means (a gap that shrinks is an improvement; a ratio that grows)
 */
@JsonPropertyOrder({
  "id",
  "grouping",
  "task",
  "metric",
  "kind",
  "baseline",
  "candidate",
  "delta",
  "verdict"
})
public record GapDelta(
    @JsonProperty(required = true) Grouping grouping,
    @JsonProperty(required = true) String task,
    MetricKey metric,
    @JsonProperty(required = true) GapKind kind,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate baseline,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate candidate,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate delta,
    @JsonProperty(required = true) Verdict verdict) {

  public GapDelta {
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(verdict, "verdict");
    // NaN estimates are left out of changes.json and read back as absent
    baseline = baseline == null ? Estimate.NAN : baseline;
    candidate = candidate == null ? Estimate.NAN : candidate;
    delta = delta == null ? Estimate.NAN : delta;
  }

  /**
   * As the audit's gap ids: {@code race.accuracy.gap@gender}, {@code gender.equalized_odds@race}.
   */
  @JsonProperty("id")
  public String id() {
    String subject =
        metric == null ? task + "." + kind.jsonName() : metric.id() + "." + kind.jsonName();
    return subject + "@" + grouping.id();
  }

  /** Smaller gaps are fairer; a ratio (min / max) is fairer when larger. */
  static Boolean higherIsBetter(GapKind kind) {
    return kind == GapKind.RATIO;
  }
}
