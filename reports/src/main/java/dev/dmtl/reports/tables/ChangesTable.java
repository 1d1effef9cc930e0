package dev.dmtl.reports.tables;

import dev.dmtl.audit.compare.ChangesFiles;
import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.GapDelta;
import dev.dmtl.audit.compare.MetricDelta;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code changes.csv} of a report with a comparison: every change of {@code dmtl compare}'s {@code
 * changes.csv} with the same columns, numbers written as the report writes them (changes with a
 * sign).
 */
public final class ChangesTable {

  /** The columns: those of {@code dmtl compare}'s {@code changes.csv} (docs/COMPARE.md). */
  public static final List<String> HEADER = ChangesFiles.HEADER;

  private ChangesTable() {}

  /** The table, or null without a comparison. */
  public static CsvTable build(ComparisonResult r) {
    if (r == null) {
      return null;
    }
    CsvTable.Builder t = CsvTable.builder("changes", HEADER);
    for (MetricDelta m : r.metrics()) {
      NumberStyle style = MetricText.style(m.metric().metric());
      List<String> row = new ArrayList<>();
      row.add("metric");
      row.add(m.id());
      row.add(m.group().grouping().id());
      row.add(m.group().id());
      row.add(m.metric().task());
      key(row, m.metric());
      row.add(null);
      row.add(NumberStyle.count(m.nBaseline()));
      row.add(NumberStyle.count(m.nCandidate()));
      estimates(row, m.baseline(), m.candidate(), m.delta(), style);
      row.add(m.verdict().jsonName());
      t.row(row);
    }
    for (GapDelta g : r.gaps()) {
      NumberStyle style =
          MetricText.gapStyle(g.kind(), g.metric() == null ? null : g.metric().metric());
      List<String> row = new ArrayList<>();
      row.add("gap");
      row.add(g.id());
      row.add(g.grouping().id());
      row.add(null);
      row.add(g.task());
      key(row, g.metric());
      row.add(g.kind().jsonName());
      row.add(null);
      row.add(null);
      estimates(row, g.baseline(), g.candidate(), g.delta(), style);
      row.add(g.verdict().jsonName());
      t.row(row);
    }
    return t.build();
  }

  /**
   * A change with its sign: {@code +0.012}, {@code -1.30}; zero (after rounding) has none. {@value
   * NumberStyle#NOT_AVAILABLE} for NaN.
   */
  public static String signed(double value, NumberStyle style) {
    String text = style.format(value);
    return value > 0 && !text.matches("[0.]*") ? "+" + text : text;
  }

  private static void key(List<String> row, MetricKey key) {
    row.add(key == null ? null : key.metric().jsonName());
    row.add(key == null ? null : key.label());
    row.add(key == null || key.k() == null ? null : key.k().toString());
  }

  private static void estimates(
      List<String> row, Estimate baseline, Estimate candidate, Estimate delta, NumberStyle style) {
    AuditTables.addEstimate(row, baseline, style);
    AuditTables.addEstimate(row, candidate, style);
    row.add(signed(delta.value(), style));
    row.add(signed(delta.lower(), style));
    row.add(signed(delta.upper(), style));
  }
}
