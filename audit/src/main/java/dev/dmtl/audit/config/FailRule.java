package dev.dmtl.audit.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --fail-on} rule: the audit fails (and {@code dmtl audit} exits with a documented
 * non-zero code) when the rule's condition holds for any subject it covers. Grammar
 * (docs/AUDIT_SCHEMA.md, "Fail rules"):
 *
 * <pre>
 * rule    := subject op number
 * subject := task "." metric ["[" class-or-k "]"] ["." gap] [":" stat] ["@" grouping]
 *          | task "." ("equalized_odds" | "demographic_parity") [":" stat] ["@" grouping]
 * gap     := gap | ratio | vs_reference | vs_overall
 * stat    := value | lower | upper        (default value; lower/upper = bootstrap CI bounds)
 * op      := &gt; | &gt;= | &lt; | &lt;=
 * </pre>
 *
 * <p>Examples: {@code gender.accuracy.gap>0.05} (gap in gender accuracy between the groups of any
 * grouping), {@code race.recall[black].ratio@gender<0.8}, {@code age.mae.gap:lower>2} (fails only
 * when even the CI's lower bound exceeds 2 years), {@code gender.equalized_odds@race>0.1}, {@code
 * gender.accuracy<0.9} (overall value), {@code gender.accuracy@race<0.85} (every race group),
 * {@code coverage.coverage.gap>0.02}.
 *
 * <p>Scope: with a gap and no {@code @grouping}, every grouping except the overall one; with no gap
 * and no {@code @grouping}, the overall value; with no gap and a {@code @grouping}, every group of
 * that grouping. Groups too small to measure and NaN values never violate a rule; they are reported
 * as not evaluable.
 *
 * @param text the rule as written
 * @param task the task name (or {@value MetricKey#COVERAGE_TASK})
 * @param metric the metric, or null for task-level gaps (equalized odds, demographic parity)
 * @param gap the gap kind, or null for a rule on group values
 * @param statistic which number of the estimate is compared
 * @param scope the grouping named after {@code @}, or null when none was given
 * @param op the comparison
 * @param threshold the number compared against
 */
public record FailRule(
    String text,
    String task,
    MetricKey metric,
    GapKind gap,
    Statistic statistic,
    Grouping scope,
    Op op,
    double threshold) {

  /** A rule is written as its text, exactly as the user gave it. */
  @JsonValue
  @Override
  public String text() {
    return text;
  }

  /** Which number of an estimate a rule compares. */
  public enum Statistic {
    VALUE,
    LOWER,
    UPPER;

    @JsonValue
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Comparison operators. */
  public enum Op {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** True when {@code observed op threshold} holds; never for NaN. */
    public boolean holds(double observed, double threshold) {
      return switch (this) {
        case GT -> observed > threshold;
        case GE -> observed >= threshold;
        case LT -> observed < threshold;
        case LE -> observed <= threshold;
      };
    }
  }

  private static final Pattern RULE =
      Pattern.compile("^(.+?)\\s*(>=|<=|>|<)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)$");
  private static final Pattern SUBJECT =
      Pattern.compile(
          "^([^.\\[\\]:@]+)\\.([a-z0-9_]+)(?:\\[([^\\[\\]]+)\\])?(?:\\.([a-z_]+))?(?::([a-z]+))?(?:@(.+))?$");

  public FailRule {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(op, "op");
    if (metric == null && (gap == null || !gap.isTaskLevel())) {
      throw new IllegalArgumentException("rule '" + text + "' names no metric");
    }
    if (metric != null && gap != null && gap.isTaskLevel()) {
      throw new IllegalArgumentException(
          "rule '"
              + text
              + "': "
              + gap.jsonName()
              + " is a task-level gap, write "
              + task
              + "."
              + gap.jsonName());
    }
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("rule '" + text + "' has no threshold");
    }
  }

  /**
   * Parses one rule.
   *
   * @throws IllegalArgumentException with a message saying what is wrong and how a rule looks
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static FailRule parse(String text) {
    String t = text.strip();
    Matcher r = RULE.matcher(t);
    if (!r.matches()) {
      throw new IllegalArgumentException(
          "fail rule '" + text + "' is not 'subject op number', e.g. gender.accuracy.gap>0.05");
    }
    String subject = r.group(1).strip().toLowerCase(Locale.ROOT);
    Op op =
        switch (r.group(2)) {
          case ">" -> Op.GT;
          case ">=" -> Op.GE;
          case "<" -> Op.LT;
          default -> Op.LE;
        };
    double threshold = Double.parseDouble(r.group(3));
    // class labels keep their case: re-read them from the original text
    Matcher s = SUBJECT.matcher(subject);
    if (!s.matches()) {
      throw new IllegalArgumentException(
          "fail rule '"
              + text
              + "': subject is not task.metric[class].gap:stat@grouping, e.g. race.recall[black].gap@gender");
    }
    Matcher original = SUBJECT.matcher(r.group(1).strip());
    String qualifier = original.matches() ? original.group(3) : s.group(3);
    String task = s.group(1);
    String metricName = s.group(2);
    Statistic statistic = Statistic.VALUE;
    if (s.group(5) != null) {
      try {
        statistic = Statistic.valueOf(s.group(5).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "fail rule '" + text + "': ':" + s.group(5) + "' is not :value, :lower or :upper", e);
      }
    }
    Grouping scope = s.group(6) == null ? null : Grouping.parse(s.group(6));
    try {
      GapKind taskLevel = taskLevelGap(metricName);
      if (taskLevel != null) {
        if (qualifier != null || s.group(4) != null) {
          throw new IllegalArgumentException(metricName + " takes no [class] and no further gap");
        }
        return new FailRule(t, task, null, taskLevel, statistic, scope, op, threshold);
      }
      Metric metric = Metric.parse(metricName);
      MetricKey key =
          switch (metric.qualifier()) {
            case NONE -> {
              if (qualifier != null) {
                throw new IllegalArgumentException(metricName + " takes no [qualifier]");
              }
              yield MetricKey.of(task, metric);
            }
            case CLASS -> {
              if (qualifier == null) {
                throw new IllegalArgumentException(
                    metricName + " needs a class: " + task + "." + metricName + "[label]");
              }
              yield MetricKey.ofClass(task, metric, qualifier);
            }
            case K -> {
              if (qualifier == null) {
                throw new IllegalArgumentException("cs needs k: " + task + ".cs[5]");
              }
              yield MetricKey.ofK(task, metric, Integer.parseInt(qualifier.strip()));
            }
          };
      GapKind gap = s.group(4) == null ? null : GapKind.parse(s.group(4));
      return new FailRule(t, task, key, gap, statistic, scope, op, threshold);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fail rule '" + text + "': " + e.getMessage(), e);
    }
  }

  private static GapKind taskLevelGap(String name) {
    for (GapKind g : GapKind.values()) {
      if (g.isTaskLevel() && g.jsonName().equals(name)) {
        return g;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }
}
