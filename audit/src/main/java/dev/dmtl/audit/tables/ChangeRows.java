package dev.dmtl.audit.tables;

import static dev.dmtl.audit.tables.ResultColumn.integer;
import static dev.dmtl.audit.tables.ResultColumn.number;
import static dev.dmtl.audit.tables.ResultColumn.text;

import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.GapDelta;
import dev.dmtl.audit.compare.MetricDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per metric of a group and per gap of a comparison ({@code changes.csv}, docs/COMPARE.md):
 * baseline, candidate and their difference, each with its interval (the difference's is the paired
 * bootstrap interval), and the verdict. Columns are only ever added at the end.
 */
public final class ChangeRows {

  /** The columns, in order (documented in docs/COMPARE.md; add only at the end). */
  public static final List<ResultColumn> COLUMNS =
      List.of(
          text("row"),
          text("id"),
          text("grouping"),
          text("group"),
          text("task"),
          text("metric"),
          text("class"),
          integer("k"),
          text("gap"),
          integer("n_baseline"),
          integer("n_candidate"),
          number("baseline"),
          number("baseline_ci_lower"),
          number("baseline_ci_upper"),
          number("candidate"),
          number("candidate_ci_lower"),
          number("candidate_ci_upper"),
          number("delta"),
          number("delta_ci_lower"),
          number("delta_ci_upper"),
          text("verdict"));

  private ChangeRows() {}

  public static ResultTable of(ComparisonResult r) {
    List<ResultColumn> columns = COLUMNS;
    List<List<Object>> rows = new ArrayList<>();
    for (MetricDelta m : r.metrics()) {
      List<Object> row = new ArrayList<>(columns.size());
      row.add("metric");
      row.add(m.id());
      row.add(m.group().grouping().id());
      row.add(m.group().id());
      row.add(m.metric().task());
      row.add(m.metric().metric().jsonName());
      row.add(m.metric().label());
      row.add(m.metric().k());
      row.add(null);
      row.add(m.nBaseline());
      row.add(m.nCandidate());
      GroupRows.estimate(row, m.baseline());
      GroupRows.estimate(row, m.candidate());
      GroupRows.estimate(row, m.delta());
      row.add(m.verdict().jsonName());
      rows.add(row);
    }
    for (GapDelta g : r.gaps()) {
      List<Object> row = new ArrayList<>(columns.size());
      row.add("gap");
      row.add(g.id());
      row.add(g.grouping().id());
      row.add(null);
      row.add(g.task());
      row.add(g.metric() == null ? null : g.metric().metric().jsonName());
      row.add(g.metric() == null ? null : g.metric().label());
      row.add(g.metric() == null ? null : g.metric().k());
      row.add(g.kind().jsonName());
      row.add(null);
      row.add(null);
      GroupRows.estimate(row, g.baseline());
      GroupRows.estimate(row, g.candidate());
      GroupRows.estimate(row, g.delta());
      row.add(g.verdict().jsonName());
      rows.add(row);
    }
    return new ResultTable("changes", columns, rows);
  }
}
