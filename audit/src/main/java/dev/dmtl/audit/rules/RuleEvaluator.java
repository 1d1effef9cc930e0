package dev.dmtl.audit.rules;

import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks {@code --fail-on} rules against an audit result. A rule that matches nothing in the result
 * (a typo, a metric the audit mode has not got, a grouping that does not exist) is an error, not a
 * pass: a CI gate that silently checks nothing is worse than one that stops.
 */
public final class RuleEvaluator {

  /**
   * Exit code of {@code dmtl audit} when at least one rule is violated. Distinct from 1 (failure
   * while auditing) and 2 (usage error) so a CI job can tell "the model is unfair by your rule"
   * from "the audit could not run".
   */
  public static final int VIOLATION_EXIT_CODE = 4;

  private RuleEvaluator() {}

  /**
   * @throws IllegalArgumentException when a rule matches nothing in {@code result}
   */
  public static List<RuleOutcome> evaluate(AuditResult result, List<FailRule> rules) {
    List<RuleOutcome> out = new ArrayList<>();
    for (FailRule rule : rules) {
      int before = out.size();
      if (rule.gap() != null) {
        for (GapResult gap : result.gaps()) {
          if (matches(rule, gap)) {
            out.add(outcome(rule, gap.id(), gap.estimate(), false));
          }
        }
      } else if (MetricKey.COVERAGE_TASK.equals(rule.task())) {
        Grouping scope = rule.scope() == null ? Grouping.OVERALL : rule.scope();
        for (CoverageRow row : result.coverage().rows()) {
          if (row.group().grouping().sameAttributes(scope)
              && row.coverage().key().equals(rule.metric())) {
            out.add(
                outcome(
                    rule,
                    rule.metric().id() + "@" + row.group().id(),
                    row.coverage().estimate(),
                    row.coverage().insufficient()));
          }
        }
      } else {
        Grouping scope = rule.scope() == null ? Grouping.OVERALL : rule.scope();
        for (GroupResult group : result.groups()) {
          if (!group.key().grouping().sameAttributes(scope)) {
            continue;
          }
          for (MetricResult m : group.metrics()) {
            if (m.key().equals(rule.metric())) {
              out.add(
                  outcome(
                      rule, m.key().id() + "@" + group.key().id(), m.estimate(), m.insufficient()));
            }
          }
        }
      }
      if (out.size() == before) {
        throw new IllegalArgumentException(
            "fail rule '"
                + rule.text()
                + "' matches nothing in this "
                + result.mode().jsonName()
                + " audit: check the task, metric, class and grouping (groupings: "
                + result.groupings().stream().map(Grouping::id).toList()
                + ")");
      }
    }
    return out;
  }

  private static boolean matches(FailRule rule, GapResult gap) {
    return gap.kind() == rule.gap()
        && gap.task().equals(rule.task())
        && Objects.equals(gap.metric(), rule.metric())
        && (rule.scope() == null || gap.grouping().sameAttributes(rule.scope()));
  }

  private static RuleOutcome outcome(
      FailRule rule, String subject, Estimate estimate, boolean insufficient) {
    double observed =
        switch (rule.statistic()) {
          case VALUE -> estimate.value();
          case LOWER -> estimate.lower();
          case UPPER -> estimate.upper();
        };
    if (insufficient || Double.isNaN(observed)) {
      return new RuleOutcome(rule, subject, Double.NaN, RuleOutcome.Status.NOT_EVALUABLE);
    }
    return new RuleOutcome(
        rule,
        subject,
        observed,
        rule.op().holds(observed, rule.threshold())
            ? RuleOutcome.Status.VIOLATED
            : RuleOutcome.Status.PASSED);
  }
}
