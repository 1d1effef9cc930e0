package dev.dmtl.reports.tables;

import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.ReliabilityDiagram;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration tables: the calibration metrics of every group ({@code calibration.csv}) and the
 * bins of every reliability diagram ({@code reliability.csv}). Both are null when the audit has
 * none (rows without probabilities, label-free audits, audits before schema 3).
 */
public final class CalibrationTables {

  public static final List<String> CALIBRATION =
      List.of(
          "task",
          "grouping",
          "group",
          "metric",
          "n",
          "insufficient",
          "value",
          "ci_lower",
          "ci_upper",
          "vs_reference",
          "vs_reference_lower",
          "vs_reference_upper",
          "p_value",
          "p_adjusted",
          "flagged");

  public static final List<String> RELIABILITY =
      List.of(
          "task",
          "grouping",
          "group",
          "binning",
          "bin",
          "lower",
          "upper",
          "count",
          "mean_predicted",
          "observed");

  private CalibrationTables() {}

  /** Every calibration metric of every group, task by task; null without any. */
  public static CsvTable calibration(AuditResult audit) {
    if (!MetricFamily.NOMINAL_CALIBRATION.presentIn(audit)
        && !MetricFamily.AGE_CALIBRATION.presentIn(audit)) {
      return null;
    }
    CsvTable.Builder t = CsvTable.builder("calibration", CALIBRATION);
    for (var task : audit.tasks()) {
      for (GroupResult g : audit.groups()) {
        for (MetricResult m : g.metrics()) {
          Metric metric = m.key().metric();
          if (!m.key().task().equals(task.name())
              || !(MetricFamily.NOMINAL_CALIBRATION.contains(metric)
                  || MetricFamily.AGE_CALIBRATION.contains(metric))) {
            continue;
          }
          NumberStyle style = MetricText.style(metric);
          List<String> row =
              new ArrayList<>(
                  List.of(
                      task.name(),
                      g.key().grouping().id(),
                      g.key().id(),
                      metric.jsonName(),
                      NumberStyle.count(m.n()),
                      Boolean.toString(m.insufficient())));
          AuditTables.addEstimate(row, m.estimate(), style);
          AuditTables.addEstimate(row, m.vsReference(), style);
          AuditTables.addSignificance(row, m);
          t.row(row);
        }
      }
    }
    return t.build();
  }

  /** Every bin of every reliability diagram; null without diagrams. */
  public static CsvTable reliability(AuditResult audit) {
    if (audit.reliability().isEmpty()) {
      return null;
    }
    CsvTable.Builder t = CsvTable.builder("reliability", RELIABILITY);
    for (ReliabilityDiagram d : audit.reliability()) {
      NumberStyle style = DiagramKind.of(d.kind()).style();
      for (int b = 0; b < d.bins().size(); b++) {
        ReliabilityDiagram.Bin bin = d.bins().get(b);
        t.row(
            d.task(),
            d.group().grouping().id(),
            d.group().id(),
            d.kind(),
            Integer.toString(b),
            style.format(bin.lower()),
            style.format(bin.upper()),
            NumberStyle.count(bin.n()),
            style.format(bin.predicted()),
            style.format(bin.observed()));
      }
    }
    return t.build();
  }
}
