package dev.dmtl.reports.html;

import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.reports.format.MetricText;
import java.util.EnumSet;
import java.util.Set;
import org.jsoup.nodes.Element;

/** Plain-language notes on every metric the audit reports and on how the numbers were made. */
final class MethodSection implements Section {

  @Override
  public String id() {
    return "method";
  }

  @Override
  public String title() {
    return "Method notes";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    AuditOptions o = audit.provenance().options();
    section.appendElement("h3").text("How the numbers were made");
    Element ul = section.appendElement("ul");
    ul.appendElement("li")
        .text(
            audit.mode() == AuditMode.LABELLED
                ? "Labelled audit: each face's prediction is compared with its true label; groups are formed by the true "
                    + "attributes."
                : "Label-free audit: groups are formed by the model's own predictions; the numbers describe the output only.");
    ul.appendElement("li")
        .text(
            "Age groups: "
                + o.ageBins().spec()
                + " ("
                + String.join(", ", o.ageBins().labels())
                + "). A real-valued age falls in the group whose range holds it.");
    ul.appendElement("li")
        .text(
            o.agePrediction() == AgePrediction.RANK
                ? "Age errors use the predicted rank of paper Eq. 6: 1 + the number of thresholds the model answers \"older\" "
                    + "to — the model's own whole-year answer, as the paper reports MAE."
                : "Age errors use the expected rank under the threshold probabilities (a real-valued, smoother estimate than "
                    + "the Eq. 6 rank).");
    ul.appendElement("li")
        .text(
            o.resamples() > 0
                ? "Intervals: "
                    + o.resamples()
                    + " bootstrap resamples of the faces (seed "
                    + o.seed()
                    + "), "
                    + ctx.level()
                    + " percentile intervals, for every group value and every gap. Shares also carry a Wilson "
                    + "score interval (in group_metrics.csv). Intervals are per comparison: with many groups some differences "
                    + "look large by chance."
                : "Intervals: the bootstrap was switched off (--resamples 0), so no value has an interval.");
    ul.appendElement("li")
        .text(
            "Minimum group size: "
                + o.minGroupSize()
                + " faces. Smaller groups are listed as "
                + "insufficient with no value (never 0) and take no part in gaps.");
    ul.appendElement("li")
        .text(
            "Reference group for \"vs reference\" comparisons: "
                + (o.references().isEmpty()
                    ? "the largest group of each grouping."
                    : String.join(", ", o.references().stream().map(k -> k.id()).toList())
                        + " (others: the largest group)."));

    section.appendElement("h3").text("What each metric means");
    Element dl = section.appendElement("dl").addClass("notes");
    Set<Metric> present = EnumSet.noneOf(Metric.class);
    for (GroupResult g : audit.groups()) {
      for (MetricResult m : g.metrics()) {
        present.add(m.key().metric());
      }
    }
    present.add(Metric.COVERAGE);
    for (Metric m : present) {
      dl.appendElement("dt").text(MetricText.name(m));
      dl.appendElement("dd").text(MetricText.explanation(m));
    }
  }
}
