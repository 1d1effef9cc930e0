package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.svg.BarChart;
import dev.dmtl.reports.tables.Headlines;
import org.jsoup.nodes.Element;

/** Per-group headline metrics (MAE, accuracy, …) as bars with interval whiskers. */
final class GroupBarSection implements Section {

  @Override
  public String id() {
    return "group-bars";
  }

  @Override
  public String title() {
    return "Per-group results";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    Html.paragraph(
        section,
        "Each bar is one group's value; the whisker is its "
            + ctx.level()
            + " interval and the "
            + "dashed line the value over all faces. Where whiskers of two groups overlap widely, the data cannot tell them "
            + "apart. Groups with fewer than "
            + ctx.minGroupSize()
            + " faces have no bar.");
    for (MetricKey key : Headlines.primaries(audit)) {
      section.appendElement("h3").text(capitalise(MetricText.name(key)));
      Html.paragraph(section, MetricText.explanation(key.metric())).addClass("small");
      Element charts = section.appendElement("div").addClass("charts");
      NumberStyle style = MetricText.style(key.metric());
      double overall = audit.overall().value(key);
      for (Grouping grouping : ctx.singleGroupings()) {
        BarChart chart =
            new BarChart(
                    capitalise(MetricText.name(key))
                        + " by "
                        + ReportContext.groupingName(grouping),
                    MetricText.name(key.metric()),
                    style)
                .reference(overall, "all faces");
        if (style == NumberStyle.PROPORTION) {
          chart.domain(0, 1);
        }
        StringBuilder desc =
            new StringBuilder(
                "Bar chart of "
                    + MetricText.name(key)
                    + " by "
                    + ReportContext.groupingName(grouping)
                    + ", all faces "
                    + style.format(overall)
                    + ". ");
        for (GroupResult g : ctx.groups(grouping)) {
          MetricResult m = g.metric(key).orElse(null);
          chart.add(bar(g, m));
          desc.append(ReportContext.groupLabel(g.key()))
              .append(": ")
              .append(describe(m, style))
              .append(". ");
        }
        chart.render(charts, ctx.ids(), desc.toString().strip(), null);
      }
    }
    if (audit.coverage().perGroup()) {
      section.appendElement("h3").text("Coverage");
      Element charts = section.appendElement("div").addClass("charts");
      double overall = audit.coverage().overall().coverage().value();
      for (Grouping grouping : ctx.singleGroupings()) {
        BarChart chart =
            new BarChart(
                    "Coverage by " + ReportContext.groupingName(grouping),
                    "share of inputs with a " + "prediction",
                    NumberStyle.PROPORTION)
                .domain(0, 1)
                .reference(overall, "all inputs");
        StringBuilder desc =
            new StringBuilder(
                "Bar chart of coverage by " + ReportContext.groupingName(grouping) + ". ");
        for (CoverageRow r : audit.coverage().rows()) {
          if (r.group().grouping().equals(grouping)) {
            chart.add(
                new BarChart.Bar(
                    ReportContext.groupLabel(r.group()),
                    value(r.coverage()),
                    lower(r.coverage()),
                    upper(r.coverage()),
                    note(r.coverage())));
            desc.append(ReportContext.groupLabel(r.group()))
                .append(": ")
                .append(describe(r.coverage(), NumberStyle.PROPORTION))
                .append(". ");
          }
        }
        chart.render(charts, ctx.ids(), desc.toString().strip(), null);
      }
    }
  }

  private static BarChart.Bar bar(GroupResult g, MetricResult m) {
    return new BarChart.Bar(
        ReportContext.groupLabel(g.key()),
        value(m),
        lower(m),
        upper(m),
        m == null ? "not measured" : note(m));
  }

  private static double value(MetricResult m) {
    return m == null || m.insufficient() ? Double.NaN : m.value();
  }

  private static double lower(MetricResult m) {
    return m == null || m.insufficient() ? Double.NaN : m.estimate().lower();
  }

  private static double upper(MetricResult m) {
    return m == null || m.insufficient() ? Double.NaN : m.estimate().upper();
  }

  private static String note(MetricResult m) {
    return m.insufficient() ? "insufficient: n = " + NumberStyle.count(m.n()) : "undefined";
  }

  private static String describe(MetricResult m, NumberStyle style) {
    if (m == null) {
      return "not measured";
    }
    if (m.insufficient()) {
      return "insufficient, n = " + NumberStyle.count(m.n());
    }
    return Html.withInterval(m.estimate(), style) + ", n = " + NumberStyle.count(m.n());
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
