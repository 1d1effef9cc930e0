package dev.dmtl.reports.html;

import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.Headlines;
import dev.dmtl.reports.tables.RuleStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/** Verdict, headline metrics with intervals, flagged gaps, warnings. */
final class SummarySection implements Section {

  @Override
  public String id() {
    return "summary";
  }

  @Override
  public String title() {
    return "Summary";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    if (audit.notice() != null) {
      section.appendElement("div").addClass("notice").attr("role", "note").text(audit.notice());
    }
    Verdict verdict = Verdict.of(audit);
    Element box =
        section.appendElement("div").addClass("verdict").addClass(verdict.status().cssClass);
    Element head = box.appendElement("div").addClass("verdict-head");
    Html.badge(head, verdict.status().word, verdict.status().cssClass);
    head.appendElement("span").addClass("headline").text(verdict.headline());
    Element ul = box.appendElement("ul");
    verdict.findings().forEach(f -> ul.appendElement("li").text(f));
    // the audit's own thresholds are not the comparison's gates: say both, so that "no thresholds"
    // is not read as "nothing was gated"
    ctx.input().comparison().ifPresent(c -> ul.appendElement("li").text(againstBaseline(c)));

    section.appendElement("h3").text("Headline metrics (all faces)");
    Element cards = section.appendElement("div").addClass("cards");
    for (MetricKey key : Headlines.summaryKeys(audit)) {
      audit
          .overall()
          .metric(key)
          .ifPresent(
              m -> card(cards, MetricText.name(key), m, MetricText.style(key.metric()), ctx));
    }
    card(
        cards,
        "coverage of inputs",
        audit.coverage().overall().coverage(),
        NumberStyle.PROPORTION,
        ctx);
    if (ctx.hasIntervals()) {
      Html.paragraph(
              section,
              "Brackets give the "
                  + ctx.level()
                  + " bootstrap interval: the range the value would "
                  + "likely fall in on another sample of faces like this one.")
          .addClass("small")
          .addClass("muted");
    }

    flagged(section, ctx);

    List<String> warnings = new ArrayList<>(audit.warnings());
    warnings.addAll(ctx.modelProvenance().warnings());
    ctx.input()
        .modelFile()
        .ifPresent(
            m -> {
              String used = audit.provenance().modelSha256();
              if (used != null && !used.equalsIgnoreCase(m.sha256())) {
                warnings.add(
                    "The model file given with --model (SHA-256 "
                        + m.sha256()
                        + ") is not the model the predictions "
                        + "were made with ("
                        + used
                        + "): the model section describes a different model.");
              }
            });
    if (!warnings.isEmpty()) {
      Element w = section.appendElement("div").addClass("warnings").attr("role", "note");
      w.appendElement("strong").text("Warnings");
      Element list = w.appendElement("ul");
      warnings.forEach(s -> list.appendElement("li").text(s));
    }
  }

  private static void card(
      Element cards, String label, MetricResult m, NumberStyle style, ReportContext ctx) {
    Element card = cards.appendElement("div").addClass("card");
    card.appendElement("div").addClass("label").text(label);
    if (m.insufficient()) {
      card.appendElement("div").addClass("value").text("insufficient");
      card.appendElement("div").addClass("ci").text("n = " + NumberStyle.count(m.n()));
      return;
    }
    card.appendElement("div").addClass("value").text(style.format(m.value()));
    String ci =
        Double.isNaN(m.estimate().lower())
            ? "no interval"
            : ctx.level() + " CI " + Html.interval(m.estimate(), style);
    card.appendElement("div").addClass("ci").text(ci);
    card.appendElement("div").addClass("ci").text("n = " + NumberStyle.count(m.n()));
  }

  /** Gaps that failed a rule; without rules, the largest gaps of the headline metrics. */
  private static void flagged(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    List<GapResult> gaps;
    String caption;
    if (!audit.ruleOutcomes().isEmpty()) {
      gaps =
          audit.gaps().stream()
              .filter(
                  g ->
                      RuleStatus.outcomesFor(audit, g.id()).stream()
                          .anyMatch(o -> o.status() == RuleOutcome.Status.VIOLATED))
              .toList();
      caption = gaps.isEmpty() ? null : "Gaps that failed a --fail-on rule";
      section.appendElement("h3").text("Flagged gaps");
      if (gaps.isEmpty()) {
        Html.paragraph(
            section,
            "No gap failed a rule. Rules on single groups, if any, are listed under Fairness gaps.");
        return;
      }
    } else {
      List<MetricKey> primaries = Headlines.primaries(audit);
      gaps =
          audit.gaps().stream()
              .filter(
                  g ->
                      g.kind() == GapKind.DIFFERENCE
                          && g.metric() != null
                          && primaries.contains(g.metric())
                          && g.grouping().order() == 1
                          && !Double.isNaN(g.value()))
              .sorted(
                  Comparator.comparingInt((GapResult g) -> primaries.indexOf(g.metric()))
                      .thenComparing(Comparator.comparingDouble(GapResult::value).reversed()))
              .toList();
      section.appendElement("h3").text("Gaps of the headline metrics");
      if (gaps.isEmpty()) {
        Html.paragraph(
            section,
            "No gap could be measured: fewer than two groups per attribute had enough faces.");
        return;
      }
      caption = "Best minus worst group, per attribute (no thresholds set)";
    }
    Element body =
        Html.table(
            section,
            caption,
            List.of("metric", "between groups of", "gap", "lowest", "highest", "status"),
            List.of(false, false, true, false, false, false),
            null);
    for (GapResult g : gaps) {
      Element tr = body.appendElement("tr");
      NumberStyle style =
          MetricText.gapStyle(g.kind(), g.metric() == null ? null : g.metric().metric());
      Html.rowHeader(
          tr,
          g.metric() == null
              ? g.task() + " " + MetricText.name(g.kind())
              : MetricText.name(g.metric())
                  + (g.kind() == GapKind.DIFFERENCE ? "" : ", " + MetricText.name(g.kind())));
      Html.text(tr, ReportContext.groupingName(g.grouping()));
      Html.estimate(tr, g.estimate(), style);
      Html.text(tr, g.minGroup() == null ? "—" : ReportContext.groupLabel(g.minGroup()));
      Html.text(tr, g.maxGroup() == null ? "—" : ReportContext.groupLabel(g.maxGroup()));
      Element status = tr.appendElement("td");
      List<RuleOutcome> rules = RuleStatus.outcomesFor(audit, g.id());
      if (rules.isEmpty()) {
        Html.badge(status, "NO RULE", "status-none");
      } else {
        Html.badge(status, RuleStatus.worst(rules));
      }
    }
  }

  /** One line on the comparison with a baseline: the overlap, the verdicts, the gates. */
  static String againstBaseline(ComparisonResult c) {
    ComparisonResult.Summary v = c.summary();
    List<DeltaRule.Outcome> gates = c.ruleOutcomes();
    long failed = gates.stream().filter(o -> o.status() == DeltaRule.Status.VIOLATED).count();
    String line =
        String.format(
            Locale.ROOT,
            "Against the baseline model, on the %,d faces both were run on (section What changed):"
                + " %,d changes improved, %,d got worse, %,d changed with no better direction.",
            c.overlap().both(),
            v.improved(),
            v.worse(),
            v.changed());
    if (gates.isEmpty()) {
      return line + " No regression gates (--fail-on \"delta(...)\") were set.";
    }
    return line
        + (failed > 0
            ? String.format(
                Locale.ROOT,
                " %d of %d regression gates failed, first: %s.",
                failed,
                gates.size(),
                gates.stream()
                    .filter(o -> o.status() == DeltaRule.Status.VIOLATED)
                    .findFirst()
                    .orElseThrow()
                    .rule()
                    .text())
            : String.format(Locale.ROOT, " All %d regression gates held.", gates.size()));
  }
}
