package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.svg.Palette;
import dev.dmtl.reports.tables.AuditTables;
import java.util.Optional;
import org.jsoup.nodes.Element;

/**
 * Confusion matrices of all faces as heatmaps. They are HTML tables shaded by row share rather than
 * pictures, so a screen reader reads every count and share, and print keeps the numbers.
 */
final class ConfusionSection implements Section {

  @Override
  public String id() {
    return "confusion";
  }

  @Override
  public String title() {
    return "Confusion matrices";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    boolean any =
        audit.tasks().stream()
            .anyMatch(t -> audit.confusion(GroupKey.OVERALL, t.name()).isPresent());
    if (!any) {
      Html.paragraph(
          section,
          "No confusion matrices: without ground-truth labels there is nothing to compare the "
              + "predictions with.");
      return;
    }
    Html.paragraph(
        section,
        "Rows are the true class, columns the predicted class. Each cell gives the number of faces "
            + "and, below it, the share of its row (of the faces truly in that class, the share predicted as the column's "
            + "class); the diagonal holds the correct answers. Darker cells hold a larger share of their row. The age task "
            + "is shown by age group.");
    Element grid = section.appendElement("div").addClass("heatmaps");
    for (AuditedTask task : audit.tasks()) {
      Optional<ConfusionMatrix> m = audit.confusion(GroupKey.OVERALL, task.name());
      m.ifPresent(matrix -> heatmap(grid, task, matrix));
    }
    long matrices = audit.confusionMatrices().size();
    Html.paragraph(
            section,
            "confusion.csv holds all "
                + matrices
                + " matrices: every task within every group that "
                + "does not contain the task's own attribute (e.g. race confusion among women aged 20–29).")
        .addClass("small")
        .addClass("muted");
  }

  static void heatmap(Element parent, AuditedTask task, ConfusionMatrix m) {
    String caption =
        task.name()
            + " ("
            + NumberStyle.count(m.n())
            + " faces"
            + (m.insufficient() ? ", insufficient" : "")
            + ")";
    Element table =
        Html.scrollBox(parent, "Confusion matrix of " + caption)
            .appendElement("table")
            .addClass("heatmap");
    table.appendElement("caption").text(caption);
    Element head = table.appendElement("thead").appendElement("tr");
    head.appendElement("th")
        .attr("scope", "col")
        .addClass("axis-note")
        .text("true ↓ · predicted →");
    for (String c : m.classes()) {
      head.appendElement("th").attr("scope", "col").text(c);
    }
    head.appendElement("th").attr("scope", "col").addClass("num").text("total");
    Element body = table.appendElement("tbody");
    for (int i = 0; i < m.classes().size(); i++) {
      long rowSum = 0;
      for (int j = 0; j < m.classes().size(); j++) {
        rowSum += m.count(i, j);
      }
      Element tr = body.appendElement("tr");
      tr.appendElement("th").attr("scope", "row").text(m.classes().get(i));
      for (int j = 0; j < m.classes().size(); j++) {
        double share = AuditTables.rowShare(m.count(i, j), rowSum);
        Element td =
            tr.appendElement("td")
                .addClass("cell")
                .attr(
                    "style",
                    "background-color:"
                        + Palette.heat(share)
                        + ";color:"
                        + Palette.heatText(share)
                        + (i == j ? ";outline:2px solid #1b1f24;outline-offset:-2px" : ""));
        if (m.count(i, j) == 0) {
          td.addClass("zero");
        }
        td.appendText(NumberStyle.count(m.count(i, j)) + " ");
        td.appendElement("span").addClass("share").text(NumberStyle.PROPORTION.format(share));
      }
      tr.appendElement("td").addClass("num").text(NumberStyle.count(rowSum));
    }
  }
}
