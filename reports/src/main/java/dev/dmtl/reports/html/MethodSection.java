package dev.dmtl.reports.html;

import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.Correction;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.MetricFamily;
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
    for (String note : ReadoutNotes.of(audit.tasks())) {
      ul.appendElement("li").text(note);
    }
    ul.appendElement("li").text(intervals(audit, ctx));
    if (audit.significance() != null) {
      ul.appendElement("li")
          .text(
              "Canonical order: before any resampling the rows are sorted by image SHA-256, then "
                  + "source address, then face index, so the same inputs, options and seed give the "
                  + "same intervals and p-values whatever the pipeline's parallelism, the split of "
                  + "the prediction files or the audit's thread count.");
      ul.appendElement("li")
          .text(
              "Tests: each group's value is tested against its reference group's. Shares of counts "
                  + "(accuracy, recall, error rates, CS(k), coverage, …) use the pooled two-proportion "
                  + "z-test; every other metric (MAE, F1, calibration errors, Brier score, …) a Wald "
                  + "test with the bootstrap standard error. Prevalence (a property of the data) and "
                  + "label-free descriptions are not tested, and a metric that is the complement or a "
                  + "monotone function of another (FNR of recall, TNR of FPR, FDR of precision, NPV of "
                  + "false omission rate, RMSE of MSE) takes that one's test rather than being counted "
                  + "twice.");
      ul.appendElement("li")
          .text(
              "Multiple comparisons: "
                  + NumberStyle.count(audit.significance().tested())
                  + " differences were tested together and their p-values adjusted with "
                  + ctx.correction()
                  + "; a difference is FLAGGED when its adjusted p-value is at most α ("
                  + NumberStyle.count(audit.significance().flagged())
                  + " were). A gap is flagged when a group of its grouping is."
                  + (audit.significance().correction() == Correction.NONE
                      ? " Without a correction about one in twenty true \"no difference\" is "
                          + "flagged by chance."
                      : ""));
    }
    if (hasCalibration(audit)) {
      ul.appendElement("li")
          .text(
              "Calibration: the predicted label's probability is binned into "
                  + o.calibrationBins()
                  + " equal-width bins on [0, 1] and, separately, "
                  + o.calibrationBins()
                  + " equal-mass bins whose edges are quantiles of all faces' confidences; ECE "
                  + "weights each bin's |share right − mean confidence| by its share of the faces, MCE "
                  + "is the largest. The age task's threshold probabilities P(age > r) are pooled over "
                  + "all thresholds in equal-width bins; its expected age is binned by the age group it "
                  + "falls in.");
    }
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

  private static boolean hasCalibration(AuditResult audit) {
    return MetricFamily.NOMINAL_CALIBRATION.presentIn(audit)
        || MetricFamily.AGE_CALIBRATION.presentIn(audit);
  }

  /** The bootstrap in words: clustered by image in audits of schema 3, by face before. */
  private static String intervals(AuditResult audit, ReportContext ctx) {
    AuditOptions o = audit.provenance().options();
    if (o.resamples() == 0) {
      return "Intervals: the bootstrap was switched off (--resamples 0), so no value has an "
          + "interval and metrics other than shares are not tested.";
    }
    String unit =
        audit.schemaVersion() >= 3
            ? " cluster bootstrap resamples over images: photos are drawn with replacement and all "
                + "faces of one photo come along together, so faces that share a photo's camera and "
                + "light do not count as independent evidence"
            : " bootstrap resamples of the faces";
    return "Intervals: "
        + o.resamples()
        + unit
        + " (seed "
        + o.seed()
        + "), "
        + ctx.level()
        + " percentile intervals, for every group value and every gap. Shares also carry a Wilson "
        + "score interval (in group_metrics.csv). Intervals are per comparison: with many groups some "
        + "differences look large by chance"
        + (audit.significance() == null ? "." : ", which the corrected tests below account for.");
  }
}
