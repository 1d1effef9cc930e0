package dev.dmtl.reports.tables;

import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Aequitas' confusion-derived rates ({@link MetricFamily#ERROR_RATES}) of every class in every
 * group, with the disparity to the reference group as Aequitas reports it: the group's rate divided
 * by the reference group's ({@code ratio_to_reference} of the audit), 1 meaning parity.
 */
public final class ErrorRateTable {

  public static final List<String> HEADER =
      List.of(
          "task",
          "class",
          "grouping",
          "group",
          "reference_group",
          "metric",
          "n",
          "insufficient",
          "value",
          "ci_lower",
          "ci_upper",
          "disparity",
          "disparity_lower",
          "disparity_upper",
          "p_value",
          "p_adjusted",
          "flagged");

  private ErrorRateTable() {}

  /** One row per group, task, class and rate; null when the audit has no such rates. */
  public static CsvTable build(AuditResult audit) {
    if (!MetricFamily.ERROR_RATES.presentIn(audit)) {
      return null;
    }
    CsvTable.Builder t = CsvTable.builder("error_rates", HEADER);
    for (GroupResult g : audit.groups()) {
      for (MetricResult m : g.metrics()) {
        if (!MetricFamily.ERROR_RATES.contains(m.key().metric())) {
          continue;
        }
        List<String> row =
            new ArrayList<>(
                List.of(
                    m.key().task(),
                    m.key().label(),
                    g.key().grouping().id(),
                    g.key().id(),
                    Boolean.toString(g.reference()),
                    m.key().metric().jsonName(),
                    NumberStyle.count(m.n()),
                    Boolean.toString(m.insufficient())));
        AuditTables.addEstimate(row, m.estimate(), NumberStyle.PROPORTION);
        AuditTables.addEstimate(row, m.ratioToReference(), NumberStyle.RATIO);
        AuditTables.addSignificance(row, m);
        t.row(row);
      }
    }
    return t.build();
  }
}
