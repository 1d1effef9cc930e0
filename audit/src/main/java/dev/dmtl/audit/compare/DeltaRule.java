package dev.dmtl.audit.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.result.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regression gate of {@code dmtl compare --fail-on}: {@code delta(SUBJECT) op number}, where
 * SUBJECT is written as in an audit's fail rules ({@link FailRule}: {@code task.metric[class]},
 * optionally {@code .gap}, {@code :lower}/{@code :upper}, {@code @grouping}) and the number
 * compared is the change candidate − baseline (or a bound of its paired interval).
 *
 * <p>A rule is violated when its condition holds for a change that is measurable and not an
 * improvement (verdict {@code worse} or {@code changed}; with no resamples, when the value alone
 * holds): a regression gate fails on measurable regressions, not on resampling noise.
 *
 * @param text the rule as written
 * @param subject the subject and comparison, parsed as an audit fail rule
 */
public record DeltaRule(String text, FailRule subject) {

  private static final Pattern RULE = Pattern.compile("^delta\\((.+)\\)\\s*((?:>=|<=|>|<).*)$");

  public DeltaRule {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(subject, "subject");
  }

  /** Written as its text. */
  @JsonValue
  @Override
  public String text() {
    return text;
  }

  /** Read back from its text (as {@code changes.json} holds it). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DeltaRule fromJson(String text) {
    return parse(text);
  }

  /**
   * @throws IllegalArgumentException when the text is not {@code delta(subject) op number}
   */
  public static DeltaRule parse(String text) {
    Matcher m = RULE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "compare rule '"
              + text
              + "' is not 'delta(subject) op number', e.g. delta(race.accuracy.gap@gender)>0.01");
    }
    return new DeltaRule(text.strip(), FailRule.parse(m.group(1).strip() + m.group(2).strip()));
  }

  /** Whether the rule held for one change. */
  public enum Status {
    PASSED,
    VIOLATED,
    /** The change is NaN (a group too small in either model, an undefined value). */
    NOT_EVALUABLE;

    @JsonValue
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One change a rule was checked against.
   *
   * @param rule the rule
   * @param subject the id of the change checked
   * @param observed the number compared (NaN when not evaluable)
   * @param verdict the change's verdict
   * @param status the outcome
   */
  @JsonPropertyOrder({"rule", "subject", "observed", "verdict", "status"})
  public record Outcome(
      @JsonProperty(required = true) DeltaRule rule,
      @JsonProperty(required = true) String subject,
      double observed,
      @JsonProperty(required = true) Verdict verdict,
      @JsonProperty(required = true) Status status) {}

  /**
   * Checks the rule against every change it covers.
   *
   * @throws IllegalArgumentException when it covers none (a misspelt task, metric or grouping)
   */
  public List<Outcome> evaluate(List<MetricDelta> metrics, List<GapDelta> gaps) {
    List<Outcome> out = new ArrayList<>();
    FailRule r = subject;
    if (r.gap() != null) {
      for (GapDelta g : gaps) {
        boolean matches =
            g.kind() == r.gap()
                && g.task().equals(r.task())
                && Objects.equals(g.metric(), r.metric())
                && (r.scope() == null || r.scope().sameAttributes(g.grouping()));
        if (matches) {
          out.add(outcome(g.id(), g.delta(), g.verdict()));
        }
      }
    } else {
      for (MetricDelta m : metrics) {
        boolean matches =
            m.metric().equals(r.metric())
                && (r.scope() == null
                    ? m.group().isOverall()
                    : r.scope().sameAttributes(m.group().grouping()));
        if (matches) {
          out.add(outcome(m.id(), m.delta(), m.verdict()));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "compare rule '" + text + "' matches no change (check the task, metric and grouping)");
    }
    return out;
  }

  private Outcome outcome(String id, Estimate delta, Verdict verdict) {
    double observed =
        switch (subject.statistic()) {
          case VALUE -> delta.value();
          case LOWER -> delta.lower();
          case UPPER -> delta.upper();
        };
    if (Double.isNaN(observed)) {
      return new Outcome(this, id, observed, verdict, Status.NOT_EVALUABLE);
    }
    boolean regression = verdict != Verdict.NO_MEASURABLE_CHANGE && verdict != Verdict.IMPROVED;
    boolean violated = regression && subject.op().holds(observed, subject.threshold());
    return new Outcome(this, id, observed, verdict, violated ? Status.VIOLATED : Status.PASSED);
  }
}
