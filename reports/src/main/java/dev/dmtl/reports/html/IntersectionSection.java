package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.Headlines;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/** The headline metric of every task in every group of every grouping, with intervals. */
final class IntersectionSection implements Section {

  @Override
  public String id() {
    return "intersections";
  }

  @Override
  public String title() {
    return "Groups and intersections";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    List<MetricKey> keys = Headlines.primaries(audit);
    Html.paragraph(
        section,
        "Each group's headline metric per task, with its "
            + ctx.level()
            + " interval. Groups are "
            + "formed by "
            + (audit.mode() == dev.dmtl.audit.metrics.AuditMode.LABELLED
                ? "the true"
                : "the predicted")
            + " attributes, alone and intersected: a model can serve women and black people well and still fail black "
            + "women. Cells marked insufficient have fewer than "
            + ctx.minGroupSize()
            + " faces and no numbers. "
            + "Every metric of every group is in group_metrics.csv.");
    for (Grouping grouping : ctx.nonOverallGroupings()) {
      section.appendElement("h3").text("By " + ReportContext.groupingName(grouping));
      List<String> headers = new ArrayList<>(grouping.attributes());
      headers.add("faces");
      keys.forEach(k -> headers.add(MetricText.name(k)));
      List<Boolean> numeric = new ArrayList<>();
      grouping.attributes().forEach(a -> numeric.add(false));
      headers.subList(grouping.attributes().size(), headers.size()).forEach(h -> numeric.add(true));
      Element body =
          Html.table(
              section,
              "Headline metric of each task by "
                  + ReportContext.groupingName(grouping)
                  + ", with "
                  + ctx.level()
                  + " intervals",
              headers,
              numeric,
              "intersection");
      for (GroupResult g : ctx.groups(grouping)) {
        Element tr = body.appendElement("tr");
        for (int i = 0; i < g.key().values().size(); i++) {
          if (i == 0) {
            Html.rowHeader(tr, g.key().values().get(i));
          } else {
            Html.text(tr, g.key().values().get(i));
          }
        }
        Html.num(tr, NumberStyle.count(g.n()));
        for (MetricKey k : keys) {
          Html.metric(tr, g.metric(k).orElse(null), MetricText.style(k.metric()));
        }
      }
    }
  }
}
