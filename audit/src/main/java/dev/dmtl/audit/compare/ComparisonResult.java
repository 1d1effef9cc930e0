package dev.dmtl.audit.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.InputFile;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A paired comparison of two models over the faces both were run on: what {@code changes.json}
 * holds (docs/COMPARE.md, schema {@value #SCHEMA_NAME} version {@value #SCHEMA_VERSION}).
 *
 * @param toolVersion the dmtl version that compared
 * @param createdAt when
 * @param baseline the baseline's prediction files
 * @param candidate the candidate's
 * @param baselineModelSha256 the baseline model's SHA-256 from its files' footers, or null
 * @param candidateModelSha256 the candidate model's, or null
 * @param options the audit options both sides were audited with (seed, resamples, level, …)
 * @param overlap how the two sets' faces overlap
 * @param tasks the tasks compared
 * @param metrics every metric of every group, candidate against baseline
 * @param gaps every gap
 * @param ruleOutcomes the {@code --fail-on} rules checked
 * @param warnings problems found in the inputs
 */
@JsonPropertyOrder({
  "schema",
  "schema_version",
  "tool_version",
  "created_at",
  "baseline",
  "candidate",
  "baseline_model_sha256",
  "candidate_model_sha256",
  "options",
  "overlap",
  "tasks",
  "summary",
  "metrics",
  "gaps",
  "rule_outcomes",
  "warnings"
})
public record ComparisonResult(
    String toolVersion,
    Instant createdAt,
    List<InputFile> baseline,
    List<InputFile> candidate,
    String baselineModelSha256,
    String candidateModelSha256,
    AuditOptions options,
    Overlap overlap,
    List<AuditedTask> tasks,
    List<MetricDelta> metrics,
    List<GapDelta> gaps,
    List<DeltaRule.Outcome> ruleOutcomes,
    List<String> warnings) {

  public static final String SCHEMA_NAME = "dmtl-compare";
  public static final int SCHEMA_VERSION = 1;

  public ComparisonResult {
    Objects.requireNonNull(overlap, "overlap");
    baseline = List.copyOf(baseline);
    candidate = List.copyOf(candidate);
    tasks = List.copyOf(tasks);
    metrics = List.copyOf(metrics);
    gaps = List.copyOf(gaps);
    ruleOutcomes = List.copyOf(ruleOutcomes);
    warnings = List.copyOf(warnings);
  }

  @JsonProperty("schema")
  public String schema() {
    return SCHEMA_NAME;
  }

  @JsonProperty("schema_version")
  public int schemaVersion() {
    return SCHEMA_VERSION;
  }

  /**
   * How many changes have each verdict.
   *
   * @param improved measurably better
   * @param worse measurably worse
   * @param changed measurably different where neither direction is better
   * @param noMeasurableChange interval contains 0
   * @param notEvaluable no interval
   */
  public record Summary(
      long improved, long worse, long changed, long noMeasurableChange, long notEvaluable) {}

  @JsonProperty("summary")
  public Summary summary() {
    return new Summary(
        count(Verdict.IMPROVED),
        count(Verdict.WORSE),
        count(Verdict.CHANGED),
        count(Verdict.NO_MEASURABLE_CHANGE),
        count(Verdict.NOT_EVALUABLE));
  }

  private long count(Verdict v) {
    return metrics.stream().filter(m -> m.verdict() == v).count()
        + gaps.stream().filter(g -> g.verdict() == v).count();
  }

  /**
   * The metrics a summary shows ({@code dmtl compare}'s lines, the report's "What changed"
   * section): accuracy, macro-F1, MAE, ECE and threshold ECE.
   */
  public static final List<Metric> HEADLINE =
      List.of(Metric.ACCURACY, Metric.MACRO_F1, Metric.MAE, Metric.ECE, Metric.THRESHOLD_ECE);

  /** The headline metrics over all faces, in file order. */
  @JsonIgnore
  public List<MetricDelta> headlineMetrics() {
    return metrics.stream()
        .filter(m -> m.group().isOverall() && HEADLINE.contains(m.metric().metric()))
        .toList();
  }

  /**
   * The headline metrics' gaps (max − min) across the groups of one attribute each, in file order.
   */
  @JsonIgnore
  public List<GapDelta> headlineGaps() {
    return gaps.stream()
        .filter(
            g ->
                g.kind() == GapKind.DIFFERENCE
                    && g.grouping().order() == 1
                    && g.metric() != null
                    && HEADLINE.contains(g.metric().metric()))
        .toList();
  }

  /** True when a {@code --fail-on} rule was violated. */
  @JsonIgnore
  public boolean failed() {
    return ruleOutcomes.stream().anyMatch(o -> o.status() == DeltaRule.Status.VIOLATED);
  }
}
