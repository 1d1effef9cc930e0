package dev.dmtl.reports.tables;

import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeFileSummary;
import dev.dmtl.audit.result.AttributeSource;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.NumberStyle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes groups are formed by, one row per attribute value: where the value comes from
 * (truth, prediction or the attribute file), the bins of a numeric file column with their cut
 * points, the faces in the group, and, on the file's rows, how the attribute file met the inputs.
 */
public final class AttributeTable {

  public static final List<String> HEADER =
      List.of(
          "attribute",
          "source",
          "task",
          "value",
          "faces",
          "bins",
          "cuts",
          "unknown_inputs",
          "file",
          "file_sha256",
          "key_column",
          "file_rows",
          "inputs",
          "inputs_without_row",
          "rows_without_input");

  private AttributeTable() {}

  public static CsvTable build(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("attributes", HEADER);
    AttributeFileSummary file = audit.attributeFile();
    for (Attribute a : audit.attributes()) {
      boolean fromFile = a.source() == AttributeSource.FILE && file != null;
      for (String value : a.values()) {
        List<String> row = new ArrayList<>();
        row.add(a.name());
        row.add(a.source().jsonName());
        row.add(a.task());
        row.add(value);
        row.add(faces(audit, a.name(), value));
        row.add(a.bins());
        row.add(cuts(a));
        row.add(a.source() == AttributeSource.FILE ? NumberStyle.count(a.unknown()) : null);
        row.add(fromFile ? file.path() : null);
        row.add(fromFile ? file.sha256() : null);
        row.add(fromFile ? file.key() : null);
        row.add(fromFile ? NumberStyle.count(file.rows()) : null);
        row.add(fromFile ? NumberStyle.count(file.inputs()) : null);
        row.add(fromFile ? NumberStyle.count(file.inputsWithoutRow()) : null);
        row.add(fromFile ? NumberStyle.count(file.rowsWithoutInput()) : null);
        t.row(row);
      }
    }
    return t.build();
  }

  /**
   * The cut points, space separated, to six significant digits (a quantile computed from the data
   * is 148.76, not 148.76000000000005); null when not binned.
   */
  public static String cuts(Attribute a) {
    if (a.cuts().isEmpty()) {
      return null;
    }
    return String.join(
        " ",
        a.cuts().stream()
            .map(c -> BinRule.number(new BigDecimal(c).round(new MathContext(6)).doubleValue()))
            .toList());
  }

  /** The faces of the attribute's single-attribute group of this value; NA when not audited. */
  private static String faces(AuditResult audit, String attribute, String value) {
    return audit
        .group(new GroupKey(Grouping.of(attribute), List.of(value)))
        .map(GroupResult::n)
        .map(NumberStyle::count)
        .orElse(NumberStyle.NOT_AVAILABLE);
  }
}
