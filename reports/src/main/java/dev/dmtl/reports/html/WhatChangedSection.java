package dev.dmtl.reports.html;

import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.compare.GapDelta;
import dev.dmtl.audit.compare.MetricDelta;
import dev.dmtl.audit.compare.Overlap;
import dev.dmtl.audit.compare.Verdict;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.ChangesTable;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * "What changed": the audited model (the candidate) against a baseline over the faces both were run
 * on, from {@code dmtl compare}'s {@code changes.json}: the overlap, the verdict counts, the
 * headline metrics and their gaps with paired intervals, the gates. Only with a comparison.
 */
final class WhatChangedSection implements Section {

  static final String ID = "changes";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "What changed";
  }

  @Override
  public boolean applies(ReportContext ctx) {
    return ctx.input().comparison().isPresent();
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    ComparisonResult r = ctx.input().comparison().orElseThrow();
    Html.paragraph(
        section,
        "This model (the candidate, "
            + sha(r.candidateModelSha256())
            + ") against a baseline model ("
            + sha(r.baselineModelSha256())
            + "), both evaluated on the same faces.");
    String audited = ctx.audit().provenance().modelSha256();
    if (audited != null
        && r.candidateModelSha256() != null
        && !audited.equalsIgnoreCase(r.candidateModelSha256())) {
      section
          .appendElement("div")
          .addClass("notice")
          .attr("role", "note")
          .text(
              "The comparison's candidate model ("
                  + r.candidateModelSha256()
                  + ") is not the audited model ("
                  + audited
                  + "): this section describes another model than the rest of the report.");
    }

    Overlap o = r.overlap();
    Html.keyValues(
        section,
        "Faces compared",
        List.of(
            new String[] {"In both (compared)", NumberStyle.count(o.both())},
            new String[] {"Only in the baseline", NumberStyle.count(o.onlyBaseline())},
            new String[] {"Only in the candidate", NumberStyle.count(o.onlyCandidate())}));

    ComparisonResult.Summary s = r.summary();
    Html.keyValues(
        section,
        "Changes by verdict (every metric of every group and every gap)",
        List.of(
            new String[] {"Improved", NumberStyle.count(s.improved())},
            new String[] {"Worse", NumberStyle.count(s.worse())},
            new String[] {"Changed (neither direction is better)", NumberStyle.count(s.changed())},
            new String[] {"No measurable change", NumberStyle.count(s.noMeasurableChange())},
            new String[] {"Not evaluable", NumberStyle.count(s.notEvaluable())}));

    String level = level(r.options());
    List<String> headers =
        List.of("Metric", "Baseline", "Candidate", "Change [" + level + " interval]", "Verdict");
    List<Boolean> numeric = List.of(false, true, true, true, false);
    Element metrics = Html.table(section, "Headline metrics, all faces", headers, numeric, null);
    for (MetricDelta m : r.headlineMetrics()) {
      row(
          metrics,
          MetricText.name(m.metric()),
          m.baseline(),
          m.candidate(),
          m.delta(),
          m.verdict(),
          MetricText.style(m.metric().metric()));
    }
    List<GapDelta> headlineGaps = r.headlineGaps();
    if (!headlineGaps.isEmpty()) {
      Element gaps =
          Html.table(
              section,
              "Headline gaps (largest minus smallest group value) across each attribute's groups",
              List.of("Gap", "Baseline", "Candidate", "Change [" + level + " interval]", "Verdict"),
              numeric,
              null);
      for (GapDelta g : headlineGaps) {
        row(
            gaps,
            MetricText.name(g.metric())
                + " gap across "
                + String.join(", ", g.grouping().attributes()),
            g.baseline(),
            g.candidate(),
            g.delta(),
            g.verdict(),
            MetricText.gapStyle(g.kind(), g.metric().metric()));
      }
    }

    if (!r.ruleOutcomes().isEmpty()) {
      Element rules =
          Html.table(
              section,
              "Regression gates (--fail-on)",
              List.of("Rule", "Change checked", "Observed change", "Outcome"),
              List.of(false, false, true, false),
              null);
      for (DeltaRule.Outcome x : r.ruleOutcomes()) {
        Element tr = rules.appendElement("tr");
        Html.rowHeader(tr, x.rule().text()).addClass("mono");
        Html.text(tr, x.subject()).addClass("mono");
        Html.num(tr, ChangesTable.signed(x.observed(), NumberStyle.SIGNIFICANT));
        badge(tr.appendElement("td"), x.status());
      }
    }

    if (!r.warnings().isEmpty()) {
      Element w = section.appendElement("div").addClass("warnings").attr("role", "note");
      w.appendElement("strong").text("Comparison warnings");
      Element list = w.appendElement("ul");
      r.warnings().forEach(x -> list.appendElement("li").text(x));
    }

    List<String> method = new ArrayList<>();
    method.add(
        "Method: each change is candidate minus baseline with a paired bootstrap interval ("
            + r.options().resamples()
            + " resamples of the same images for both models, seed "
            + r.options().seed()
            + "); a change is IMPROVED or WORSE when its interval excludes 0, and verdicts are not "
            + "corrected for multiple comparisons, so among many changes a few may be measurable "
            + "by chance.");
    method.add("Every change of every group is in changes.csv.");
    Html.paragraph(section, String.join(" ", method)).addClass("small").addClass("muted");
  }

  private static void row(
      Element body,
      String name,
      Estimate baseline,
      Estimate candidate,
      Estimate delta,
      Verdict verdict,
      NumberStyle style) {
    Element tr = body.appendElement("tr");
    Html.rowHeader(tr, name);
    Html.estimate(tr, baseline, style);
    Html.estimate(tr, candidate, style);
    Element td = tr.appendElement("td").addClass("num");
    td.appendText(ChangesTable.signed(delta.value(), style));
    if (!Double.isNaN(delta.lower()) || !Double.isNaN(delta.upper())) {
      td.appendText(" ");
      td.appendElement("span")
          .addClass("ci")
          .text(
              "["
                  + ChangesTable.signed(delta.lower(), style)
                  + ", "
                  + ChangesTable.signed(delta.upper(), style)
                  + "]");
    }
    verdict(tr.appendElement("td"), verdict);
  }

  /** The verdict as a word; the badge's colour only repeats it. */
  static Element verdict(Element td, Verdict v) {
    return switch (v) {
      case IMPROVED -> Html.badge(td, "IMPROVED", "status-pass");
      case WORSE -> Html.badge(td, "WORSE", "status-fail");
      case CHANGED -> Html.badge(td, "CHANGED", "status-review");
      case NO_MEASURABLE_CHANGE -> td.appendElement("span").text("no measurable change");
      case NOT_EVALUABLE -> Html.badge(td, "NOT EVALUABLE", "status-not-evaluable");
    };
  }

  private static Element badge(Element td, DeltaRule.Status status) {
    return switch (status) {
      case PASSED -> Html.badge(td, "PASS", "status-pass");
      case VIOLATED -> Html.badge(td, "FAIL", "status-fail");
      case NOT_EVALUABLE -> Html.badge(td, "NOT EVALUABLE", "status-not-evaluable");
    };
  }

  private static String sha(String sha256) {
    return sha256 == null
        ? "model SHA-256 not recorded"
        : "model " + sha256.substring(0, Math.min(12, sha256.length()));
  }

  private static String level(AuditOptions options) {
    double l = options.confidenceLevel() * 100;
    return (l == Math.rint(l) ? Long.toString(Math.round(l)) : Double.toString(l)) + "%";
  }
}
