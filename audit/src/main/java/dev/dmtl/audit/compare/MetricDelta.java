package dev.dmtl.audit.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.metrics.Direction;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Estimate;
import java.util.Objects;

/**
 * One metric of one group under both models.
 *
 * @param group the group (all faces, or a group of the true labels)
 * @param metric the metric
 * @param nBaseline the baseline's faces of the metric's task in the group
 * @param nCandidate the candidate's (differs only where one model has no prediction)
 * @param baseline the baseline's value and its interval (NaN when the group is below the minimum
 *     size)
 * @param candidate the candidate's value and its interval
 * @param delta candidate − baseline and its paired bootstrap interval
 * @param verdict what the change means
 */
@JsonPropertyOrder({
  "id",
  "group",
  "metric",
  "n_baseline",
  "n_candidate",
  "baseline",
  "candidate",
  "delta",
  "verdict"
})
public record MetricDelta(
    @JsonProperty(required = true) GroupKey group,
    @JsonProperty(required = true) MetricKey metric,
    long nBaseline,
    long nCandidate,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate baseline,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate candidate,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate delta,
    @JsonProperty(required = true) Verdict verdict) {

  public MetricDelta {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(verdict, "verdict");
    // NaN estimates are left out of changes.json and read back as absent
    baseline = baseline == null ? Estimate.NAN : baseline;
    candidate = candidate == null ? Estimate.NAN : candidate;
    delta = delta == null ? Estimate.NAN : delta;
  }

  /** {@code task.metric[qualifier]@group}, e.g. {@code gender.accuracy@race=black}. */
  @JsonProperty("id")
  public String id() {
    return metric.id() + "@" + group.id();
  }

  static Boolean higherIsBetter(Direction d) {
    return switch (d) {
      case HIGHER_IS_BETTER -> Boolean.TRUE;
      case LOWER_IS_BETTER -> Boolean.FALSE;
      case NEUTRAL -> null;
    };
  }
}
