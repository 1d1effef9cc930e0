package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.dmtl.audit.config.FailRule;
import java.util.Locale;
import java.util.Objects;

/**
 * A fail rule checked against one subject.
 *
 * @param rule the rule
 * @param subject what was checked: a gap id ({@code gender.accuracy.gap@race}) or a group metric
 *     ({@code gender.accuracy@race=black})
 * @param observed the number compared (NaN when not evaluable)
 * @param status whether the rule's condition held
 */
public record RuleOutcome(FailRule rule, String subject, double observed, Status status) {

  /** Outcome of one check. */
  public enum Status {
    /** The condition does not hold: fine. */
    PASSED,
    /** The condition holds: the audit fails. */
    VIOLATED,
    /** NaN: too few rows, or the metric is undefined. Does not fail the audit; reported. */
    NOT_EVALUABLE;

    @JsonValue
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public RuleOutcome {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
  }
}
