package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.audit.significance.Significance;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.Headlines;
import dev.dmtl.reports.tables.RuleStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The plain-language verdict at the top of the report: a status and a few sentences a reviewer can
 * act on. The status follows the {@code --fail-on} rules only; without rules the report judges
 * nothing and says so.
 *
 * @param status the outcome
 * @param headline one line
 * @param findings sentences, most important first
 */
record Verdict(Status status, String headline, List<String> findings) {

  /** How many violated rules the verdict names one by one. */
  static final int LISTED_VIOLATIONS = 5;

  enum Status {
    /** At least one fail rule was violated. */
    FAIL("FAIL", "status-fail"),
    /** Rules were given and none was violated. */
    PASS("PASS", "status-pass"),
    /** Labelled audit without rules: nothing was judged. */
    REVIEW("NO THRESHOLDS", "status-review"),
    /** Label-free audit: there is nothing to judge. */
    DESCRIPTIVE("DESCRIPTIVE ONLY", "status-descriptive");

    final String word;
    final String cssClass;

    Status(String word, String cssClass) {
      this.word = word;
      this.cssClass = cssClass;
    }
  }

  static Verdict of(AuditResult audit) {
    List<RuleOutcome> outcomes = audit.ruleOutcomes();
    long violated =
        outcomes.stream().filter(o -> o.status() == RuleOutcome.Status.VIOLATED).count();
    long notEvaluable =
        outcomes.stream().filter(o -> o.status() == RuleOutcome.Status.NOT_EVALUABLE).count();
    Status status;
    String headline;
    if (!outcomes.isEmpty() && violated > 0) {
      status = Status.FAIL;
      headline =
          violated
              + " of "
              + outcomes.size()
              + " fairness checks failed the thresholds set with --fail-on.";
    } else if (!outcomes.isEmpty()) {
      status = Status.PASS;
      headline =
          "All "
              + (outcomes.size() - notEvaluable)
              + " evaluable fairness checks passed the thresholds set "
              + "with --fail-on"
              + (notEvaluable > 0
                  ? "; " + notEvaluable + " could not be evaluated (too few faces)."
                  : ".");
    } else if (audit.mode() == AuditMode.LABELLED) {
      status = Status.REVIEW;
      headline =
          "No pass/fail thresholds were set (--fail-on): this report measures, it does not judge. "
              + "Review the gaps below against your own criteria.";
    } else {
      status = Status.DESCRIPTIVE;
      headline =
          "Label-free audit: it describes what the model predicts, not whether it is right for anyone.";
    }
    List<String> findings = new ArrayList<>();
    outcomes.stream()
        .filter(o -> o.status() == RuleOutcome.Status.VIOLATED)
        .limit(LISTED_VIOLATIONS)
        .forEach(
            o ->
                findings.add(
                    "Failed: "
                        + o.subject()
                        + " is "
                        + RuleStatus.observed(o)
                        + ", the rule \""
                        + o.rule().text()
                        + "\" allows "
                        + allowed(o)));
    if (violated > LISTED_VIOLATIONS) {
      findings.add(
          "… and "
              + (violated - LISTED_VIOLATIONS)
              + " more failed checks (section Fairness gaps).");
    }
    findings.add(coverage(audit));
    for (AuditedTask task : audit.tasks()) {
      taskFinding(audit, task).ifPresent(findings::add);
    }
    insufficient(audit).ifPresent(findings::add);
    significance(audit).ifPresent(findings::add);
    coverageGap(audit).ifPresent(findings::add);
    return new Verdict(status, headline, findings);
  }

  /** The opposite of a rule's condition, e.g. {@code value <= 0.050}. */
  private static String allowed(RuleOutcome o) {
    String op =
        switch (o.rule().op()) {
          case GT -> "<=";
          case GE -> "<";
          case LT -> ">=";
          case LE -> ">";
        };
    return o.rule().statistic().jsonName()
        + " "
        + op
        + " "
        + RuleStatus.style(o.rule()).format(o.rule().threshold())
        + ".";
  }

  private static String coverage(AuditResult audit) {
    CoverageRow c = audit.coverage().overall();
    return NumberStyle.count(audit.overall().n())
        + " faces from "
        + NumberStyle.count(c.withPrediction())
        + " of "
        + NumberStyle.count(c.inputs())
        + " inputs were audited (coverage "
        + Html.withInterval(c.coverage().estimate(), NumberStyle.PROPORTION)
        + "); "
        + NumberStyle.count(c.noFace())
        + " inputs had no detectable face and "
        + NumberStyle.count(c.failed())
        + " could not be processed.";
  }

  /**
   * "Gender accuracy is 0.912 [0.890, 0.931] overall; across race groups it ranges from 0.850
   * (indian) to 0.950 (white), a gap of 0.100 [0.050, 0.150]." — for the single-attribute grouping
   * with the largest gap.
   */
  private static Optional<String> taskFinding(AuditResult audit, AuditedTask task) {
    MetricKey key = Headlines.primary(task, audit.mode());
    Optional<MetricResult> overall = audit.overall().metric(key);
    if (overall.isEmpty()) {
      return Optional.empty();
    }
    NumberStyle style = MetricText.style(key.metric());
    StringBuilder sb = new StringBuilder();
    sb.append(capitalise(MetricText.name(key)))
        .append(" is ")
        .append(
            overall.get().insufficient()
                ? "not measurable (too few faces)"
                : Html.withInterval(overall.get().estimate(), style))
        .append(" overall");
    Optional<GapResult> widest =
        audit.gaps().stream()
            .filter(
                g ->
                    g.grouping().order() == 1
                        && key.equals(g.metric())
                        && g.kind() == GapKind.DIFFERENCE
                        && !Double.isNaN(g.value())
                        && g.minGroup() != null
                        && g.maxGroup() != null)
            .max(Comparator.comparingDouble(GapResult::value));
    if (widest.isPresent()) {
      GapResult g = widest.get();
      Grouping grouping = g.grouping();
      double min = audit.group(g.minGroup()).map(r -> r.value(key)).orElse(Double.NaN);
      double max = audit.group(g.maxGroup()).map(r -> r.value(key)).orElse(Double.NaN);
      sb.append("; across ")
          .append(ReportContext.groupingName(grouping))
          .append(" groups it ranges from ")
          .append(style.format(min))
          .append(" (")
          .append(ReportContext.groupLabel(g.minGroup()))
          .append(") to ")
          .append(style.format(max))
          .append(" (")
          .append(ReportContext.groupLabel(g.maxGroup()))
          .append("), a gap of ")
          .append(Html.withInterval(g.estimate(), style));
    }
    return Optional.of(sb.append('.').toString());
  }

  private static Optional<String> insufficient(AuditResult audit) {
    long groups = audit.groups().stream().filter(g -> !g.key().isOverall()).count();
    long small =
        audit.groups().stream()
            .filter(g -> !g.key().isOverall())
            .filter(g -> g.n() < audit.provenance().options().minGroupSize())
            .count();
    if (small == 0) {
      return Optional.empty();
    }
    return Optional.of(
        small
            + " of "
            + groups
            + " groups have fewer than "
            + audit.provenance().options().minGroupSize()
            + " faces; they are listed as insufficient, without numbers, and take no part in the gaps.");
  }

  /**
   * "7 of 412 differences to a reference group are significant after the Holm (family-wise error
   * rate) correction at α = 0.05; 5 of 180 gaps are flagged." — absent without tests (audits before
   * schema 3).
   */
  private static Optional<String> significance(AuditResult audit) {
    Significance.Summary s = audit.significance();
    if (s == null) {
      return Optional.empty();
    }
    long flaggedGaps = audit.gaps().stream().filter(GapResult::flagged).count();
    return Optional.of(
        NumberStyle.count(s.flagged())
            + " of "
            + NumberStyle.count(s.tested())
            + " differences to a reference group are significant after the "
            + s.correction().description()
            + " correction at α = "
            + ReportContext.alpha(s.alpha())
            + "; "
            + NumberStyle.count(flaggedGaps)
            + " of "
            + NumberStyle.count(audit.gaps().size())
            + " gaps are flagged (section Fairness gaps). A flag says the groups measurably differ, "
            + "not that the difference matters.");
  }

  private static Optional<String> coverageGap(AuditResult audit) {
    if (!audit.coverage().perGroup()) {
      return Optional.empty();
    }
    return audit.gaps().stream()
        .filter(
            g ->
                g.grouping().order() == 1
                    && g.metric() != null
                    && g.task().equals(MetricKey.COVERAGE_TASK)
                    && g.kind() == GapKind.DIFFERENCE
                    && !Double.isNaN(g.value())
                    && g.minGroup() != null)
        .max(Comparator.comparingDouble(GapResult::value))
        .map(
            g ->
                "Coverage differs by up to "
                    + Html.withInterval(g.estimate(), NumberStyle.PROPORTION)
                    + " between "
                    + ReportContext.groupingName(g.grouping())
                    + " groups; lowest for "
                    + ReportContext.groupLabel(g.minGroup())
                    + ". Faces that are never found are missing from every other number in this report.");
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
