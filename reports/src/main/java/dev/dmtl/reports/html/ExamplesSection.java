package dev.dmtl.reports.html;

import dev.dmtl.audit.examples.WorstError;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.result.SaliencyRegion;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.input.Example;
import dev.dmtl.reports.svg.SaliencyChart;
import java.util.Base64;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * The opt-in worst-error examples: small face crops embedded as {@code data:} PNGs, under a visible
 * privacy notice. Left out entirely unless {@code --include-examples} asked for them.
 */
final class ExamplesSection implements Section {

  @Override
  public String id() {
    return "examples";
  }

  @Override
  public String title() {
    return "Worst errors (face images)";
  }

  @Override
  public boolean applies(ReportContext ctx) {
    return ctx.input().run().examplesRequested() > 0;
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    List<Example> examples = ctx.input().examples();
    long embedded = examples.stream().filter(e -> e.crop().available()).count();
    section
        .appendElement("div")
        .addClass("notice")
        .addClass("privacy")
        .attr("role", "note")
        .text(
            "Privacy notice: this section embeds "
                + embedded
                + " downscaled photographs of real people's faces, "
                + "because the report was written with --include-examples "
                + ctx.input().run().examplesRequested()
                + ". Treat this file as personal data: share it only with people entitled to see the images, and "
                + "write the report without --include-examples to share it more widely.");
    Html.paragraph(
        section,
        "For the age task, the faces with the largest absolute error; for the other tasks, the wrong "
            + "answers the model was most confident about. They show what failures look like; they are not a sample "
            + "of typical errors.");
    for (AuditedTask task : ctx.audit().tasks()) {
      List<Example> mine =
          examples.stream().filter(e -> e.error().task().equals(task.name())).toList();
      section.appendElement("h3").text(task.name());
      if (mine.isEmpty()) {
        Html.paragraph(section, "No error found for this task.");
        continue;
      }
      Element grid = section.appendElement("div").addClass("examples");
      for (Example x : mine) {
        WorstError e = x.error();
        Element card = grid.appendElement("div").addClass("example");
        String alt =
            "Face "
                + e.rank()
                + " of "
                + task.name()
                + ": true "
                + e.truth()
                + ", predicted "
                + e.prediction();
        if (x.crop().available()) {
          card.appendElement("img")
              .attr(
                  "src",
                  "data:image/png;base64," + Base64.getEncoder().encodeToString(x.crop().png()))
              .attr("alt", alt)
              .attr("width", "64");
        } else {
          card.appendElement("div")
              .addClass("missing")
              .attr("role", "img")
              .attr("aria-label", alt)
              .text("image unavailable: " + x.crop().problem());
        }
        if (x.map() != null) {
          exampleMap(card, x, task.name(), ctx);
        }
        Element facts = card.appendElement("div").addClass("facts");
        facts
            .appendElement("div")
            .appendElement("strong")
            .text("#" + e.rank() + " · true " + e.truth() + " · predicted " + e.prediction());
        facts
            .appendElement("div")
            .text(
                task.kind() == TaskKind.ORDINAL
                    ? "error " + NumberStyle.YEARS.format(e.errorYears()) + " years"
                    : "confidence " + NumberStyle.PROPORTION.format(e.confidence()));
        // the file name fits the card; the full address is in the tooltip and in examples.csv
        String address = e.ref().address();
        String name =
            address.substring(Math.max(address.lastIndexOf('/'), address.lastIndexOf('\\')) + 1);
        facts
            .appendElement("div")
            .addClass("mono")
            .addClass("muted")
            .attr("title", address)
            .text(name);
      }
    }
  }

  /**
   * The face's own saliency map of the task, normalised as the audit's means are and drawn on its
   * own colour scale (one face's map), over the template's landmarks when the audit has them.
   */
  private static void exampleMap(Element card, Example x, String task, ReportContext ctx) {
    List<Double> shares = x.map().shares();
    double max = shares.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Saliency s = ctx.audit().saliency();
    List<List<Double>> landmarks = s == null ? List.of() : s.landmarks();
    double[] faceBox = null;
    if (s != null && !s.regions().isEmpty()) {
      SaliencyRegion face = s.regions().get(0);
      faceBox = new double[] {face.left(), face.top(), face.right(), face.bottom()};
    }
    String method = x.map().method().equals("cam") ? "class activation map" : "occlusion map";
    SaliencyChart.append(
        card.appendElement("div").addClass("example-map"),
        x.map().height(),
        x.map().width(),
        shares,
        max > 0 ? max : 1,
        landmarks,
        faceBox,
        task + " " + method + " of face " + x.error().rank(),
        "Where the model looked for this answer: brighter cells carried more of it; the dots are"
            + " the template's eyes, nose tip and mouth corners.",
        ctx.ids().next("ex-map"));
  }
}
