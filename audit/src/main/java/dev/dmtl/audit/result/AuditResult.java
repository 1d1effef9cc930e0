package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.significance.Significance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete, typed result of one audit: what {@code dmtl audit} writes as JSON
 * (docs/AUDIT_SCHEMA.md, {@value #SCHEMA_VERSION}) and CSV, and what reports render. Immutable.
 *
 * @param schemaVersion version of this structure and its JSON form ({@value #SCHEMA_VERSION})
 * @param mode labelled (accuracy audit) or label-free (predicted mix only, NOT an accuracy audit)
 * @param notice a sentence reports must show prominently, e.g. that a label-free audit is not an
 *     accuracy audit; null when there is nothing to say
 * @param provenance inputs, model, tool version, options, time
 * @param tasks the tasks audited, in model order
 * @param attributes the attributes groups are formed by, in order: the tasks', then the file's
 * @param attributeFile how the attribute file ({@code --attributes}) met the inputs; null without
 *     one
 * @param groupings overall, single attributes, then intersections of increasing order
 * @param groups every group of every grouping, in grouping order, then in attribute-value order;
 *     empty and small groups included (flagged insufficient)
 * @param gaps every gap of every comparable metric over every grouping but the overall one, then
 *     the task-level gaps, then coverage gaps
 * @param confusionMatrices see {@link ConfusionMatrix}
 * @param reliability reliability diagrams of the overall group and of every single-attribute group
 *     (tasks whose rows carry probabilities)
 * @param significance what the {@code flagged} marks mean: the correction, its level, how many
 *     differences were tested
 * @param coverage inputs lost before a prediction, overall and per group (of the tasks when labels
 *     are known for lost inputs too, of the file attributes always)
 * @param deadLetterReasons the lost inputs by stage and error class, most frequent first
 * @param ruleOutcomes one entry per fail rule and subject checked; empty without rules
 * @param warnings things the reader should know (unknown label values, missing columns, …)
 * @param saliency where the model looks per task and group, when the prediction files carry
 *     saliency maps ({@code dmtl infer --cams}); null otherwise (added within schema version 3)
 */
@JsonPropertyOrder({
  "schema",
  "schema_version",
  "mode",
  "notice",
  "provenance",
  "tasks",
  "attributes",
  "attribute_file",
  "groupings",
  "groups",
  "gaps",
  "confusion_matrices",
  "reliability",
  "significance",
  "coverage",
  "dead_letter_reasons",
  "rule_outcomes",
  "warnings",
  "saliency"
})
public record AuditResult(
    int schemaVersion,
    @JsonProperty(required = true) AuditMode mode,
    String notice,
    @JsonProperty(required = true) AuditProvenance provenance,
    List<AuditedTask> tasks,
    List<Attribute> attributes,
    AttributeFileSummary attributeFile,
    List<Grouping> groupings,
    List<GroupResult> groups,
    List<GapResult> gaps,
    List<ConfusionMatrix> confusionMatrices,
    List<ReliabilityDiagram> reliability,
    Significance.Summary significance,
    @JsonProperty(required = true) Coverage coverage,
    List<DeadLetterReason> deadLetterReasons,
    List<RuleOutcome> ruleOutcomes,
    List<String> warnings,
    Saliency saliency) {

  /**
   * The schema version this code writes. Version 2 (this tool's JSON binding): null and NaN numbers
   * left out, estimates as objects, tasks as their model descriptor, dead-letter reasons. Version
   * 3: file attributes, calibration and error-rate metrics, reliability diagrams, p-values and
   * significance flags, a cluster bootstrap in canonical order. Version 2 files are still read.
   */
  public static final int SCHEMA_VERSION = 3;

  /** The oldest schema version this code reads. */
  public static final int OLDEST_READABLE_VERSION = 2;

  /** Value of the top-level {@code "schema"} key, so a file says what it is. */
  public static final String SCHEMA_NAME = "dmtl-audit";

  /** The notice of every label-free result. */
  public static final String LABEL_FREE_NOTICE =
      "Label-free audit: groups are the model's own predictions and the "
          + "numbers describe what the model predicts and how confident it is. This is NOT an accuracy or fairness-of-"
          + "error audit: it cannot tell whether any prediction is right.";

  public AuditResult {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(provenance, "provenance");
    tasks = List.copyOf(tasks);
    attributes = List.copyOf(attributes);
    groupings = List.copyOf(groupings);
    groups = List.copyOf(groups);
    gaps = List.copyOf(gaps);
    confusionMatrices = List.copyOf(confusionMatrices);
    reliability = List.copyOf(reliability == null ? List.of() : reliability);
    Objects.requireNonNull(coverage, "coverage");
    deadLetterReasons = List.copyOf(deadLetterReasons == null ? List.of() : deadLetterReasons);
    ruleOutcomes = List.copyOf(ruleOutcomes);
    warnings = List.copyOf(warnings);
  }

  /** Always {@value #SCHEMA_NAME}. */
  @JsonProperty(value = "schema", access = JsonProperty.Access.READ_ONLY)
  String schema() {
    return SCHEMA_NAME;
  }

  /** The overall group (always the first). */
  public GroupResult overall() {
    return groups.get(0);
  }

  /** A group; the attributes of {@code key} may be in any order. */
  public Optional<GroupResult> group(GroupKey key) {
    return groups.stream().filter(g -> g.key().sameGroup(key)).findFirst();
  }

  /** The groups of one grouping, in order; the attributes may be named in any order. */
  public List<GroupResult> groups(Grouping grouping) {
    return groups.stream().filter(g -> g.key().grouping().sameAttributes(grouping)).toList();
  }

  /** A metric-level gap over a grouping (attributes in any order). */
  public Optional<GapResult> gap(Grouping grouping, MetricKey metric, GapKind kind) {
    return gaps.stream()
        .filter(
            g ->
                g.grouping().sameAttributes(grouping)
                    && Objects.equals(g.metric(), metric)
                    && g.kind() == kind)
        .findFirst();
  }

  /**
   * A task-level gap (equalized odds, demographic parity) over a grouping (attributes in any
   * order).
   */
  public Optional<GapResult> taskGap(Grouping grouping, String task, GapKind kind) {
    return gaps.stream()
        .filter(
            g ->
                g.grouping().sameAttributes(grouping)
                    && g.metric() == null
                    && g.task().equals(task)
                    && g.kind() == kind)
        .findFirst();
  }

  /** The confusion matrix of a task inside a group (attributes in any order). */
  public Optional<ConfusionMatrix> confusion(GroupKey group, String task) {
    return confusionMatrices.stream()
        .filter(c -> c.group().sameGroup(group) && c.task().equals(task))
        .findFirst();
  }

  /** True when at least one fail rule was violated. */
  public boolean failed() {
    return ruleOutcomes.stream().anyMatch(o -> o.status() == RuleOutcome.Status.VIOLATED);
  }

  /** A copy with {@code value} as its saliency section (null: none). */
  public AuditResult withSaliency(Saliency value) {
    return new AuditResult(
        schemaVersion,
        mode,
        notice,
        provenance,
        tasks,
        attributes,
        attributeFile,
        groupings,
        groups,
        gaps,
        confusionMatrices,
        reliability,
        significance,
        coverage,
        deadLetterReasons,
        ruleOutcomes,
        warnings,
        value);
  }

  /** A copy with rule outcomes (rules are checked after the numbers exist). */
  public AuditResult withRuleOutcomes(List<RuleOutcome> outcomes) {
    return new AuditResult(
        schemaVersion,
        mode,
        notice,
        provenance,
        tasks,
        attributes,
        attributeFile,
        groupings,
        groups,
        gaps,
        confusionMatrices,
        reliability,
        significance,
        coverage,
        deadLetterReasons,
        outcomes,
        warnings,
        saliency);
  }
}
