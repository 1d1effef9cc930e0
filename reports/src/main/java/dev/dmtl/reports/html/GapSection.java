package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.Headlines;
import dev.dmtl.reports.tables.RuleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Element;

/**
 * Fairness gaps of the headline metrics and the task-level gaps, with pass/fail against the rules.
 */
final class GapSection implements Section {

  /** A group's metric whose difference to the reference group is flagged. */
  private record Flagged(GroupResult group, MetricResult metric) {}

  /** How many flagged differences the report lists. */
  static final int FLAGGED_LISTED = 25;

  @Override
  public String id() {
    return "gaps";
  }

  @Override
  public String title() {
    return "Fairness gaps";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    rules(section, audit);

    section.appendElement("h3").text("Gaps of the headline metrics");
    List<MetricKey> keys = new ArrayList<>(Headlines.primaries(audit));
    if (audit.coverage().perGroup()) {
      keys.add(MetricKey.of(MetricKey.COVERAGE_TASK, Metric.COVERAGE));
    }
    Element body =
        Html.table(
            section,
            "Gaps of the headline metrics between groups, with " + ctx.level() + " intervals",
            List.of(
                "metric",
                "groups of",
                "gap (max − min)",
                "ratio (min / max)",
                "largest difference to reference",
                "lowest → highest",
                "significant",
                "rule"),
            List.of(false, false, true, true, true, false, false, false),
            "gaps");
    for (MetricKey key : keys) {
      for (Grouping grouping : ctx.nonOverallGroupings()) {
        Optional<GapResult> diff = audit.gap(grouping, key, GapKind.DIFFERENCE);
        if (diff.isEmpty()) {
          continue;
        }
        Optional<GapResult> ratio = audit.gap(grouping, key, GapKind.RATIO);
        Optional<GapResult> ref = audit.gap(grouping, key, GapKind.VS_REFERENCE);
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (Optional<GapResult> g : List.of(diff, ratio, ref)) {
          g.ifPresent(x -> outcomes.addAll(RuleStatus.outcomesFor(audit, x.id())));
        }
        Element tr = body.appendElement("tr");
        if (!outcomes.isEmpty() && RuleStatus.worst(outcomes) == RuleOutcome.Status.VIOLATED) {
          tr.addClass("row-fail");
        }
        NumberStyle style = MetricText.style(key.metric());
        Html.rowHeader(tr, MetricText.name(key));
        Html.text(tr, ReportContext.groupingName(grouping));
        gapCell(tr, diff, style);
        gapCell(tr, ratio, NumberStyle.RATIO);
        Element refCell = gapCell(tr, ref, style);
        ref.map(GapResult::reference)
            .ifPresent(
                r ->
                    refCell
                        .appendElement("span")
                        .addClass("ci")
                        .text("reference: " + ReportContext.groupLabel(r)));
        GapResult d = diff.get();
        Html.text(
            tr,
            d.minGroup() == null
                ? "—"
                : ReportContext.groupLabel(d.minGroup())
                    + " → "
                    + ReportContext.groupLabel(d.maxGroup()));
        significant(tr, ctx, d);
        Element status = tr.appendElement("td");
        if (outcomes.isEmpty()) {
          status.text("—");
        } else {
          Html.badge(status, RuleStatus.worst(outcomes));
        }
      }
    }
    if (ctx.correction() != null) {
      Html.paragraph(
              section,
              "Significant: FLAGGED when at least one group differs from its reference group on the "
                  + "metric after the "
                  + ctx.correction()
                  + " correction over all "
                  + ctx.audit().significance().tested()
                  + " differences tested; \"no\" otherwise.")
          .addClass("small")
          .addClass("muted");
    }
    Html.paragraph(
            section,
            "Gaps compare only groups with at least "
                + ctx.minGroupSize()
                + " faces; \"NA\" means "
                + "fewer than two such groups. Every gap of every metric (precision, recall, F1, CS(k), …) is in gaps.csv.")
        .addClass("small")
        .addClass("muted");

    taskLevel(section, ctx);
    flaggedDifferences(section, ctx);

    section.appendElement("h3").text("What the gaps mean");
    Element dl = section.appendElement("dl").addClass("notes");
    for (GapKind kind : GapKind.values()) {
      dl.appendElement("dt").text(MetricText.name(kind));
      dl.appendElement("dd").text(MetricText.explanation(kind));
    }
  }

  /** FLAGGED, "no", or a dash when the audit tested nothing (written before schema 3). */
  private static void significant(Element tr, ReportContext ctx, GapResult gap) {
    Element td = tr.appendElement("td");
    if (ctx.correction() == null) {
      td.text("—");
    } else if (gap.flagged()) {
      Html.flag(td);
    } else {
      td.text("no");
    }
  }

  /**
   * The group differences to the reference group that are significant after the correction, among
   * groups of one attribute, smallest adjusted p first; every one of every grouping is in
   * group_metrics.csv.
   */
  private static void flaggedDifferences(Element section, ReportContext ctx) {
    if (ctx.correction() == null) {
      return;
    }
    section.appendElement("h3").text("Significant differences to the reference group");
    List<GroupResult> groups =
        ctx.singleGroupings().stream().flatMap(g -> ctx.groups(g).stream()).toList();
    List<Flagged> flagged = new ArrayList<>();
    for (GroupResult g : groups) {
      for (MetricResult m : g.metrics()) {
        // a metric tested through another (FNR through recall) repeats that one's decision
        if (m.flagged() && m.key().metric().testedAs() == m.key().metric()) {
          flagged.add(new Flagged(g, m));
        }
      }
    }
    flagged.sort(java.util.Comparator.comparingDouble(f -> f.metric().pAdjusted()));
    if (flagged.isEmpty()) {
      Html.paragraph(
          section,
          "No group of one attribute differs significantly from its reference group after the "
              + ctx.correction()
              + " correction.");
      return;
    }
    Element body =
        Html.table(
            section,
            flagged.size() > FLAGGED_LISTED
                ? "The "
                    + FLAGGED_LISTED
                    + " smallest adjusted p-values of "
                    + flagged.size()
                    + " flagged differences (all in group_metrics.csv)"
                : flagged.size() + " flagged differences (all groupings in group_metrics.csv)",
            List.of("group", "metric", "value", "minus reference", "p-value", "adjusted p", "flag"),
            List.of(false, false, true, true, true, true, false),
            "flagged");
    for (Flagged f : flagged.subList(0, Math.min(FLAGGED_LISTED, flagged.size()))) {
      GroupResult g = f.group();
      MetricResult m = f.metric();
      NumberStyle style = MetricText.style(m.key().metric());
      Element tr = body.appendElement("tr");
      Html.rowHeader(tr, ReportContext.groupName(g.key()));
      Html.text(tr, MetricText.name(m.key()));
      Html.estimate(tr, m.estimate(), style);
      Html.estimate(tr, m.vsReference(), style);
      Html.num(tr, NumberStyle.P_VALUE.format(m.pValue()));
      Html.num(tr, NumberStyle.P_VALUE.format(m.pAdjusted()));
      Html.flag(tr.appendElement("td"));
    }
  }

  private static Element gapCell(Element tr, Optional<GapResult> gap, NumberStyle style) {
    return gap.isEmpty() ? Html.num(tr, "—") : Html.estimate(tr, gap.get().estimate(), style);
  }

  private static void rules(Element section, AuditResult audit) {
    section.appendElement("h3").text("Rule checks (--fail-on)");
    if (audit.ruleOutcomes().isEmpty()) {
      Html.paragraph(
          section,
          "No rules were given, so nothing passes or fails. Thresholds are set with --fail-on when "
              + "the audit runs, e.g. --fail-on \"gender.accuracy.gap>0.05\"; a failed rule makes dmtl audit exit non-zero, "
              + "so a CI job can stop a model.");
      return;
    }
    Element body =
        Html.table(
            section,
            "Rules given with --fail-on and their outcome",
            List.of("rule", "subject checked", "condition for failure", "observed", "status"),
            List.of(false, false, false, true, false),
            "rules");
    for (RuleOutcome o : audit.ruleOutcomes()) {
      Element tr = body.appendElement("tr");
      if (o.status() == RuleOutcome.Status.VIOLATED) {
        tr.addClass("row-fail");
      }
      Html.text(tr, o.rule().text()).addClass("mono");
      Html.text(tr, o.subject()).addClass("mono");
      Html.text(tr, RuleStatus.condition(o.rule()));
      Html.num(tr, RuleStatus.observed(o));
      Html.badge(tr.appendElement("td"), o.status());
    }
  }

  private static void taskLevel(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    List<AuditedTask> nominal =
        audit.tasks().stream().filter(t -> t.kind() == TaskKind.NOMINAL).toList();
    boolean any =
        nominal.stream()
            .anyMatch(
                t ->
                    ctx.nonOverallGroupings().stream()
                        .anyMatch(
                            g ->
                                audit.taskGap(g, t.name(), GapKind.EQUALIZED_ODDS).isPresent()
                                    || audit
                                        .taskGap(g, t.name(), GapKind.DEMOGRAPHIC_PARITY)
                                        .isPresent()));
    if (!any) {
      return;
    }
    section.appendElement("h3").text("Equalized odds and demographic parity");
    Element body =
        Html.table(
            section,
            "Equalized-odds and demographic-parity differences between groups, with "
                + ctx.level()
                + " intervals",
            List.of(
                "task",
                "between groups of",
                "equalized-odds difference",
                "at class",
                "demographic-parity difference",
                "at class",
                "rule"),
            List.of(false, false, true, false, true, false, false),
            "task-gaps");
    for (AuditedTask t : nominal) {
      for (Grouping grouping : ctx.nonOverallGroupings()) {
        Optional<GapResult> eo = audit.taskGap(grouping, t.name(), GapKind.EQUALIZED_ODDS);
        Optional<GapResult> dp = audit.taskGap(grouping, t.name(), GapKind.DEMOGRAPHIC_PARITY);
        if (eo.isEmpty() && dp.isEmpty()) {
          continue;
        }
        List<RuleOutcome> outcomes = new ArrayList<>();
        eo.ifPresent(g -> outcomes.addAll(RuleStatus.outcomesFor(audit, g.id())));
        dp.ifPresent(g -> outcomes.addAll(RuleStatus.outcomesFor(audit, g.id())));
        Element tr = body.appendElement("tr");
        if (!outcomes.isEmpty() && RuleStatus.worst(outcomes) == RuleOutcome.Status.VIOLATED) {
          tr.addClass("row-fail");
        }
        Html.rowHeader(tr, t.name());
        Html.text(tr, ReportContext.groupingName(grouping));
        gapCell(tr, eo, NumberStyle.PROPORTION);
        Html.text(tr, eo.map(GapResult::label).orElse(null));
        gapCell(tr, dp, NumberStyle.PROPORTION);
        Html.text(tr, dp.map(GapResult::label).orElse(null));
        Element status = tr.appendElement("td");
        if (outcomes.isEmpty()) {
          status.text("—");
        } else {
          Html.badge(status, RuleStatus.worst(outcomes));
        }
      }
    }
  }
}
