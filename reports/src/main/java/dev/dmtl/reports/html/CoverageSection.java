package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.Coverage;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import java.util.List;
import org.jsoup.nodes.Element;

/** Inputs, predictions, dead letters by stage and reason, no-face, per group where known. */
final class CoverageSection implements Section {

  @Override
  public String id() {
    return "coverage";
  }

  @Override
  public String title() {
    return "Coverage: which inputs were audited";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    Coverage coverage = audit.coverage();
    CoverageRow all = coverage.overall();
    Html.paragraph(section, MetricText.explanation(Metric.COVERAGE));

    Element body =
        Html.table(
            section,
            "Inputs overall",
            List.of("inputs", "with a prediction", "no face found", "failed", "coverage"));
    Element tr = body.appendElement("tr");
    Html.num(tr, NumberStyle.count(all.inputs())).addClass("num");
    Html.num(tr, NumberStyle.count(all.withPrediction()));
    Html.num(tr, NumberStyle.count(all.noFace()));
    Html.num(tr, NumberStyle.count(all.failed()));
    Html.estimate(tr, all.coverage().estimate(), NumberStyle.PROPORTION);
    if (coverage.unlabelledInputs() > 0) {
      Html.paragraph(
              section,
              NumberStyle.count(coverage.unlabelledInputs())
                  + " inputs had no readable labels; they "
                  + "count in the overall row only.")
          .addClass("small");
    }

    Element stages =
        Html.table(
            section,
            "Inputs lost, by stage",
            List.of("stage", "inputs", "share of inputs", "meaning"),
            List.of(false, true, true, false),
            null);
    boolean any = false;
    for (Stage stage : Stage.values()) {
      long n = all.deadLettersByStage().getOrDefault(stage, 0L);
      if (n == 0) {
        continue;
      }
      any = true;
      Element row = stages.appendElement("tr");
      Html.rowHeader(row, stageName(stage));
      Html.num(row, NumberStyle.count(n));
      Html.num(
          row,
          NumberStyle.PROPORTION.format(
              all.inputs() == 0 ? Double.NaN : (double) n / all.inputs()));
      Html.text(row, stageMeaning(stage));
    }
    if (!any) {
      Html.text(stages.appendElement("tr"), "none: every input produced a prediction")
          .attr("colspan", "4");
    }

    if (ctx.tables().deadLetterTable().isPresent()) {
      CsvTable reasons = ctx.tables().deadLetterTable().get();
      Element rb =
          Html.table(
              section,
              "Inputs lost, by stage and reason (dead_letters.csv)",
              List.of("stage", "reason (error class)", "inputs", "example message"),
              List.of(false, false, true, false),
              null);
      for (List<String> r : reasons.rows()) {
        Element row = rb.appendElement("tr");
        Html.text(row, r.get(0));
        Html.text(row, r.get(1)).addClass("mono");
        Html.num(row, r.get(2));
        Html.text(row, r.get(3)).addClass("small");
      }
      if (reasons.rows().isEmpty()) {
        Html.text(rb.appendElement("tr"), "no dead letters").attr("colspan", "4");
      }
    } else if (all.failed() + all.noFace() > 0) {
      Html.paragraph(
              section,
              "The reasons (error classes and messages) of the lost inputs are in the run's dead-letter "
                  + "files, which this audit was not given.")
          .addClass("small")
          .addClass("muted");
    }

    section.appendElement("h3").text("Coverage per group");
    if (!coverage.perGroup() && audit.mode() == dev.dmtl.audit.metrics.AuditMode.LABEL_FREE) {
      Html.paragraph(
          section,
          "Not available in a label-free audit: groups are formed by predictions, and an input "
              + "that produced no prediction belongs to no group.");
      return;
    }
    if (!coverage.perGroup()) {
      Html.paragraph(
          section,
          "Not available: the labels came from the prediction rows (label source 'columns'), and "
              + "an input that produced no prediction has no row, so its group is unknown. With labels in the file names "
              + "(label source 'utkface-names'), coverage is reported per group.");
      return;
    }
    Element gb =
        Html.table(
            section,
            "Coverage per group, with " + ctx.level() + " intervals",
            List.of("group", "inputs", "with a prediction", "no face found", "failed", "coverage"));
    for (Grouping grouping : ctx.singleGroupings()) {
      Element head = gb.appendElement("tr").addClass("group-head");
      head.appendElement("td").attr("colspan", "6").text(ReportContext.groupingName(grouping));
      for (CoverageRow r : coverage.rows()) {
        if (!r.group().grouping().equals(grouping)) {
          continue;
        }
        Element row = gb.appendElement("tr");
        Html.rowHeader(row, ReportContext.groupLabel(r.group()));
        Html.num(row, NumberStyle.count(r.inputs()));
        Html.num(row, NumberStyle.count(r.withPrediction()));
        Html.num(row, NumberStyle.count(r.noFace()));
        Html.num(row, NumberStyle.count(r.failed()));
        Html.metric(row, r.coverage(), NumberStyle.PROPORTION);
      }
    }
    Html.paragraph(section, "Intersections are in coverage.csv.")
        .addClass("small")
        .addClass("muted");
  }

  static String stageName(Stage stage) {
    return stage.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  static String stageMeaning(Stage stage) {
    return switch (stage) {
      case READ -> "the file could not be listed or opened";
      case ARCHIVE -> "the archive was corrupt, truncated or unsafe";
      case DECODE -> "not an image, or a corrupt or oversized one";
      case DETECT -> "the face detector failed on the image";
      case NO_FACE -> "no face was found above the detector's score threshold";
      case ALIGN -> "the face could not be aligned or resized";
      case INFER -> "the model failed on the input";
    };
  }
}
