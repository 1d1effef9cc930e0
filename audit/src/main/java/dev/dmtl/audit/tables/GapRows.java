package dev.dmtl.audit.tables;

import static dev.dmtl.audit.tables.ResultColumn.bool;
import static dev.dmtl.audit.tables.ResultColumn.integer;
import static dev.dmtl.audit.tables.ResultColumn.number;
import static dev.dmtl.audit.tables.ResultColumn.text;

import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GapResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per gap ({@code gaps.csv}, docs/AUDIT_SCHEMA.md): the grouping, task and metric it is
 * over, its kind, its value with the bootstrap interval, and the groups it runs between.
 */
public final class GapRows {

  private GapRows() {}

  public static ResultTable of(AuditResult r) {
    List<ResultColumn> columns =
        List.of(
            text("id"),
            text("grouping"),
            text("task"),
            text("metric"),
            text("kind"),
            number("value"),
            number("ci_lower"),
            number("ci_upper"),
            integer("groups_compared"),
            text("min_group"),
            text("max_group"),
            text("reference"),
            text("class"),
            bool("flagged"));
    List<List<Object>> rows = new ArrayList<>();
    for (GapResult g : r.gaps()) {
      List<Object> row = new ArrayList<>(columns.size());
      row.add(g.id());
      row.add(g.grouping().id());
      row.add(g.task());
      row.add(g.metric() == null ? null : g.metric().id());
      row.add(g.kind().jsonName());
      GroupRows.estimate(row, g.estimate());
      row.add(g.groupsCompared());
      row.add(g.minGroup() == null ? null : g.minGroup().id());
      row.add(g.maxGroup() == null ? null : g.maxGroup().id());
      row.add(g.reference() == null ? null : g.reference().id());
      row.add(g.label());
      row.add(g.flagged());
      rows.add(row);
    }
    return new ResultTable("gaps", columns, rows);
  }
}
