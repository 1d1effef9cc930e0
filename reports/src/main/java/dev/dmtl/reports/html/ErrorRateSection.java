package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.MetricFamily;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Aequitas' confusion-derived rates of each nominal task, one-vs-rest per class, for every group of
 * one attribute: each rate with its interval and its disparity to the reference group (the group's
 * rate divided by the reference's, as Aequitas reports it), flagged where the difference is
 * significant after the audit's correction.
 */
final class ErrorRateSection implements Section {

  @Override
  public String id() {
    return "error-rates";
  }

  @Override
  public String title() {
    return "Error rates by class (Aequitas)";
  }

  @Override
  public boolean applies(ReportContext ctx) {
    return ctx.audit().mode() == AuditMode.LABELLED
        && ctx.audit().tasks().stream().anyMatch(t -> t.kind() == TaskKind.NOMINAL);
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    if (!MetricFamily.ERROR_RATES.presentIn(audit)) {
      Html.paragraph(
              section,
              "No per-class error rates: the audit was written before they were measured. Recall and "
                  + "precision per class are in group_metrics.csv.")
          .addClass("absent");
      return;
    }
    Html.paragraph(
        section,
        "For each class c the task is read as \"c or not c\", and each group's rates are compared "
            + "with those of its reference group (marked ref.). The disparity is the group's rate "
            + "divided by the reference group's: 1 is parity, and Aequitas' usual tolerance flags "
            + "disparities outside 0.8–1.25. FLAGGED marks a difference to the reference that is "
            + "significant after the audit's multiple-comparison correction"
            + (ctx.correction() == null ? "" : " (" + ctx.correction() + ")")
            + ". Intersections and p-values are in error_rates.csv.");
    Element dl = section.appendElement("dl").addClass("notes");
    for (Metric m : MetricFamily.ERROR_RATES.metrics()) {
      dl.appendElement("dt").text(MetricText.name(m));
      dl.appendElement("dd").text(MetricText.explanation(m));
    }
    for (AuditedTask task : audit.tasks()) {
      if (task.kind() != TaskKind.NOMINAL
          || !MetricFamily.ERROR_RATES.presentIn(audit.overall(), task.name())) {
        continue;
      }
      section.appendElement("h3").text(task.name());
      for (String label : task.labels()) {
        table(section, ctx, task, label);
      }
    }
  }

  private static void table(Element section, ReportContext ctx, AuditedTask task, String label) {
    List<Metric> metrics = new ArrayList<>();
    for (Metric m : MetricFamily.ERROR_RATES.metrics()) {
      if (ctx.audit().overall().metric(MetricKey.ofClass(task.name(), m, label)).isPresent()) {
        metrics.add(m);
      }
    }
    if (metrics.isEmpty()) {
      return;
    }
    List<String> headers = new ArrayList<>(List.of("group", "faces"));
    metrics.forEach(m -> headers.add(MetricText.name(m)));
    Element body =
        Html.table(
            section,
            task.name() + " = " + label + " against the rest, with " + ctx.level() + " intervals",
            headers);
    body.parent().addClass("error-rates");
    List<GroupResult> rows = new ArrayList<>();
    rows.add(ctx.audit().overall());
    for (Grouping grouping : ctx.singleGroupings()) {
      rows.addAll(ctx.groups(grouping));
    }
    for (GroupResult g : rows) {
      Element tr = body.appendElement("tr");
      Element th = Html.rowHeader(tr, ReportContext.groupName(g.key()));
      if (g.reference()) {
        th.appendText(" ");
        th.appendElement("span").addClass("ci").text("ref.");
      }
      Html.num(tr, NumberStyle.count(g.n()));
      for (Metric m : metrics) {
        MetricResult r = g.metric(MetricKey.ofClass(task.name(), m, label)).orElse(null);
        if (r == null || r.insufficient()) {
          Html.metric(tr, r, NumberStyle.PROPORTION);
          continue;
        }
        Element td = Html.estimate(tr, r.estimate(), NumberStyle.PROPORTION);
        if (!r.ratioToReference().isNaN()) {
          td.appendText(" ");
          td.appendElement("span")
              .addClass("p-value")
              .text("disparity " + Html.withInterval(r.ratioToReference(), NumberStyle.RATIO));
        }
        Html.significance(td, r);
      }
    }
  }
}
