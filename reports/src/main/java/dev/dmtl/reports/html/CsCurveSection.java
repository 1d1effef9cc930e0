package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.svg.LineChart;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/** Cumulative score curves CS(k), k = 0..20 (paper Eq. 17), overall and per group. */
final class CsCurveSection implements Section {

  /** The tolerances listed in the table under the charts. */
  static final int[] TABLE_K = {0, 1, 2, 3, 5, 10, 15, 20};

  @Override
  public String id() {
    return "cs-curves";
  }

  @Override
  public String title() {
    return "Cumulative score curves (age)";
  }

  @Override
  public boolean applies(ReportContext ctx) {
    return ctx.audit().mode() == AuditMode.LABELLED
        && ctx.audit().tasks().stream().anyMatch(t -> t.kind() == TaskKind.ORDINAL);
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    Html.paragraph(
        section,
        MetricText.explanation(Metric.CS)
            + " The shaded band around the overall curve is its "
            + ctx.level()
            + " interval; groups too small to measure are left out of the charts and marked in the table.");
    for (AuditedTask task : audit.tasks()) {
      if (task.kind() != TaskKind.ORDINAL) {
        continue;
      }
      Element charts = section.appendElement("div").addClass("charts");
      GroupResult overall = audit.overall();
      LineChart all = chart("CS curve of " + task.name() + ", all faces");
      all.add(series(task, overall, true, true));
      all.render(
          charts,
          ctx.ids(),
          describe(task, List.of(overall)),
          "All faces. Read: the share of faces whose predicted "
              + task.name()
              + " is within k years of the truth.");
      for (Grouping grouping : ctx.singleGroupings()) {
        List<GroupResult> groups = ctx.groups(grouping);
        LineChart chart =
            chart("CS curve of " + task.name() + " by " + ReportContext.groupingName(grouping));
        List<GroupResult> drawn = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (GroupResult g : groups) {
          if (defined(task, g)) {
            chart.add(series(task, g, false, false));
            drawn.add(g);
          } else {
            skipped.add(ReportContext.groupLabel(g.key()));
          }
        }
        chart.add(series(task, overall, true, false));
        drawn.add(overall);
        chart.render(
            charts,
            ctx.ids(),
            describe(task, drawn),
            "By "
                + ReportContext.groupingName(grouping)
                + "; black: all faces."
                + (skipped.isEmpty()
                    ? ""
                    : " Not drawn (fewer than "
                        + ctx.minGroupSize()
                        + " faces): "
                        + String.join(", ", skipped)
                        + "."));
      }
      table(section, ctx, task);
    }
  }

  private static LineChart chart(String title) {
    return new LineChart(
            title,
            "k: tolerance in years",
            "CS(k): share within k years",
            NumberStyle.COUNT,
            NumberStyle.PROPORTION)
        .yDomain(0, 1);
  }

  private static boolean defined(AuditedTask task, GroupResult g) {
    return g.metric(MetricKey.ofK(task.name(), Metric.CS, 0))
        .map(m -> !m.insufficient() && !Double.isNaN(m.value()))
        .orElse(false);
  }

  private static LineChart.Series series(
      AuditedTask task, GroupResult g, boolean emphasis, boolean band) {
    int n = TaskContext.CS_MAX_K + 1;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = k;
      MetricResult m = g.metric(MetricKey.ofK(task.name(), Metric.CS, k)).orElse(null);
      y[k] = m == null ? Double.NaN : m.value();
      lo[k] = m == null ? Double.NaN : m.estimate().lower();
      hi[k] = m == null ? Double.NaN : m.estimate().upper();
    }
    String name = g.key().isOverall() ? "all faces" : ReportContext.groupLabel(g.key());
    return new LineChart.Series(name, x, y, band ? lo : null, band ? hi : null, emphasis);
  }

  private static String describe(AuditedTask task, List<GroupResult> groups) {
    StringBuilder sb =
        new StringBuilder("Line chart of CS(k) against k from 0 to ")
            .append(TaskContext.CS_MAX_K)
            .append(" years. ");
    for (GroupResult g : groups) {
      sb.append(g.key().isOverall() ? "All faces" : ReportContext.groupName(g.key())).append(':');
      for (int k : new int[] {0, 5, 10, 20}) {
        sb.append(" CS(")
            .append(k)
            .append(") ")
            .append(
                NumberStyle.PROPORTION.format(g.value(MetricKey.ofK(task.name(), Metric.CS, k))));
      }
      sb.append(". ");
    }
    return sb.toString().strip();
  }

  private static void table(Element section, ReportContext ctx, AuditedTask task) {
    List<String> headers = new ArrayList<>(List.of("group", "faces"));
    for (int k : TABLE_K) {
      headers.add("CS(" + k + ")");
    }
    Element body =
        Html.table(
            section, "CS(k) of " + task.name() + " by group (all k in group_metrics.csv)", headers);
    List<GroupResult> rows = new ArrayList<>();
    rows.add(ctx.audit().overall());
    for (Grouping grouping : ctx.singleGroupings()) {
      rows.addAll(ctx.groups(grouping));
    }
    for (GroupResult g : rows) {
      Element tr = body.appendElement("tr");
      Html.rowHeader(tr, ReportContext.groupName(g.key()));
      MetricResult first = g.metric(MetricKey.ofK(task.name(), Metric.CS, 0)).orElse(null);
      Html.num(tr, first == null ? NumberStyle.count(g.n()) : NumberStyle.count(first.n()));
      for (int k : TABLE_K) {
        Html.metric(
            tr,
            g.metric(MetricKey.ofK(task.name(), Metric.CS, k)).orElse(null),
            NumberStyle.PROPORTION);
      }
    }
  }
}
