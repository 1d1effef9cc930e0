package dev.dmtl.audit.tables;

import static dev.dmtl.audit.tables.ResultColumn.bool;
import static dev.dmtl.audit.tables.ResultColumn.integer;
import static dev.dmtl.audit.tables.ResultColumn.number;
import static dev.dmtl.audit.tables.ResultColumn.text;
import static dev.dmtl.audit.tables.ResultTable.number;

import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per metric of a group ({@code groups.csv}, docs/AUDIT_SCHEMA.md): the group's key and one
 * column per attribute, the metric, its value with the bootstrap interval and the Wilson interval,
 * the differences to the reference group and to the overall value with their intervals, and the
 * significance test.
 */
public final class GroupRows {

  private GroupRows() {}

  public static ResultTable of(AuditResult r) {
    List<ResultColumn> columns = new ArrayList<>(List.of(text("grouping"), text("group")));
    for (Attribute a : r.attributes()) {
      columns.add(text(a.name()));
    }
    columns.addAll(
        List.of(
            integer("group_n"),
            bool("reference"),
            text("key"),
            text("task"),
            text("metric"),
            text("class"),
            integer("k"),
            integer("n"),
            bool("insufficient"),
            number("value"),
            number("ci_lower"),
            number("ci_upper"),
            number("wilson_lower"),
            number("wilson_upper"),
            number("vs_reference"),
            number("vs_reference_ci_lower"),
            number("vs_reference_ci_upper"),
            number("ratio_to_reference"),
            number("ratio_to_reference_ci_lower"),
            number("ratio_to_reference_ci_upper"),
            number("vs_overall"),
            number("vs_overall_ci_lower"),
            number("vs_overall_ci_upper"),
            number("p_value"),
            number("p_adjusted"),
            bool("flagged")));
    List<List<Object>> rows = new ArrayList<>();
    for (GroupResult g : r.groups()) {
      for (MetricResult m : g.metrics()) {
        List<Object> row = new ArrayList<>(columns.size());
        row.add(g.key().grouping().id());
        row.add(g.key().id());
        for (Attribute a : r.attributes()) {
          row.add(g.key().value(a.name()));
        }
        row.add(g.n());
        row.add(g.reference());
        row.add(m.key().id());
        row.add(m.key().task());
        row.add(m.key().metric().jsonName());
        row.add(m.key().label());
        row.add(m.key().k());
        row.add(m.n());
        row.add(m.insufficient());
        estimate(row, m.estimate());
        row.add(number(m.wilson().lower()));
        row.add(number(m.wilson().upper()));
        estimate(row, m.vsReference());
        estimate(row, m.ratioToReference());
        estimate(row, m.vsOverall());
        row.add(number(m.pValue()));
        row.add(number(m.pAdjusted()));
        row.add(m.flagged());
        rows.add(row);
      }
    }
    return new ResultTable("groups", columns, rows);
  }

  /** An estimate's three cells: value, interval lower and upper bound. */
  static void estimate(List<Object> row, Estimate e) {
    row.add(number(e.value()));
    row.add(number(e.lower()));
    row.add(number(e.upper()));
  }
}
