package dev.dmtl.reports.tables;

import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import java.util.List;

/** How fail-rule outcomes attach to the gaps and groups they checked. */
public final class RuleStatus {

  private RuleStatus() {}

  /** The outcomes whose subject is {@code subject} (a gap id or a group metric id). */
  public static List<RuleOutcome> outcomesFor(AuditResult audit, String subject) {
    return audit.ruleOutcomes().stream().filter(o -> o.subject().equals(subject)).toList();
  }

  /** Violated beats not evaluable beats passed. */
  public static RuleOutcome.Status worst(List<RuleOutcome> outcomes) {
    RuleOutcome.Status worst = RuleOutcome.Status.PASSED;
    for (RuleOutcome o : outcomes) {
      if (o.status() == RuleOutcome.Status.VIOLATED) {
        return o.status();
      }
      if (o.status() == RuleOutcome.Status.NOT_EVALUABLE) {
        worst = o.status();
      }
    }
    return worst;
  }

  /** The number style of what a rule compares (its threshold and observed value). */
  public static NumberStyle style(FailRule rule) {
    if (rule.metric() == null) {
      return NumberStyle.PROPORTION;
    }
    return rule.gap() == null
        ? MetricText.style(rule.metric().metric())
        : MetricText.gapStyle(rule.gap(), rule.metric().metric());
  }

  /** The observed value of an outcome, written apart from the rule's threshold. */
  public static String observed(dev.dmtl.audit.result.RuleOutcome o) {
    return style(o.rule()).formatApart(o.observed(), o.rule().threshold());
  }

  /** A rule's condition as a reader says it, e.g. {@code value > 0.050}. */
  public static String condition(FailRule rule) {
    return rule.statistic().jsonName()
        + " "
        + rule.op().symbol()
        + " "
        + style(rule).format(rule.threshold());
  }
}
