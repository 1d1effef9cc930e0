package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import java.util.Objects;

/**
 * One fairness gap: how much one metric varies across the groups of one grouping.
 *
 * @param grouping the grouping compared (never the overall one)
 * @param task task name (or {@value MetricKey#COVERAGE_TASK})
 * @param metric the metric, or null for task-level gaps (equalized odds, demographic parity)
 * @param kind how the groups' values are summarised
 * @param estimate the gap and its bootstrap interval; NaN when fewer than two groups are sufficient
 * @param groupsCompared number of groups with enough rows and a defined value
 * @param minGroup for {@code gap}/{@code ratio} the group with the smallest value; for task-level
 *     gaps the group with the smallest rate at {@code label}; else null
 * @param maxGroup for {@code gap}/{@code ratio} the group with the largest value; for {@code
 *     vs_reference}/{@code vs_overall} the group farthest away; for task-level gaps the group with
 *     the largest rate at {@code label}; null when the gap is NaN
 * @param reference the reference group, for {@code vs_reference}; else null
 * @param label for task-level gaps the class where the largest difference was found; else null
 * @param flagged true when at least one group of the grouping differs significantly from its
 *     reference on this metric (for a task-level gap: on one of the rates it is made of), after the
 *     audit's multiple-comparison correction: the groups are measurably not all alike
 */
@JsonPropertyOrder({
  "id",
  "grouping",
  "task",
  "metric",
  "kind",
  "estimate",
  "groups_compared",
  "min_group",
  "max_group",
  "reference",
  "class",
  "flagged"
})
public record GapResult(
    @JsonProperty(required = true) Grouping grouping,
    @JsonProperty(required = true) String task,
    MetricKey metric,
    @JsonProperty(required = true) GapKind kind,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.NothingKnown.class)
        Estimate estimate,
    int groupsCompared,
    GroupKey minGroup,
    GroupKey maxGroup,
    GroupKey reference,
    @JsonProperty("class") String label,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean flagged) {

  public GapResult {
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(kind, "kind");
    estimate = estimate == null ? Estimate.NAN : estimate;
    if ((metric == null) != kind.isTaskLevel()) {
      throw new IllegalArgumentException(
          kind.jsonName() + (kind.isTaskLevel() ? " takes no metric" : " needs a metric"));
    }
  }

  /** Not yet tested. */
  public GapResult(
      Grouping grouping,
      String task,
      MetricKey metric,
      GapKind kind,
      Estimate estimate,
      int groupsCompared,
      GroupKey minGroup,
      GroupKey maxGroup,
      GroupKey reference,
      String label) {
    this(
        grouping,
        task,
        metric,
        kind,
        estimate,
        groupsCompared,
        minGroup,
        maxGroup,
        reference,
        label,
        false);
  }

  /** A copy with the significance flag. */
  public GapResult withFlagged(boolean isFlagged) {
    return new GapResult(
        grouping,
        task,
        metric,
        kind,
        estimate,
        groupsCompared,
        minGroup,
        maxGroup,
        reference,
        label,
        isFlagged);
  }

  /**
   * Stable id, the subject of a fail rule: {@code gender.accuracy.gap@race}, {@code
   * race.recall[black].ratio@gender,age}, {@code gender.equalized_odds@race}.
   */
  @JsonProperty(value = "id", access = JsonProperty.Access.READ_ONLY)
  public String id() {
    String subject =
        metric == null ? task + "." + kind.jsonName() : metric.id() + "." + kind.jsonName();
    return subject + "@" + grouping.id();
  }

  public double value() {
    return estimate.value();
  }
}
