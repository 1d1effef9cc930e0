package dev.dmtl.audit.tables;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A result table as typed columns and rows of cells: the one definition of a CSV file's columns and
 * of the Tablesaw table with the same content. Cells are {@link String}, {@link Integer} or {@link
 * Long}, {@link Double} (never NaN: a missing number is null) or {@link Boolean}, as the column's
 * {@link ResultColumn.Kind} says; null is a missing cell (an empty CSV cell).
 *
 * @param name the table's name (the Tablesaw table's name)
 * @param columns the columns, in order
 * @param rows the rows, each with one cell per column
 */
public record ResultTable(String name, List<ResultColumn> columns, List<List<Object>> rows) {

  public ResultTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** The column names, in order: the CSV header. */
  public List<String> header() {
    return columns.stream().map(ResultColumn::name).toList();
  }

  /** A cell for a number column: null for NaN and infinities, the value otherwise. */
  static Double number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }

  /** RFC 4180 with a header row, UTF-8, a missing cell empty (Commons CSV does the quoting). */
  public void writeCsv(Path file) throws IOException {
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    try (CSVPrinter p =
        new CSVPrinter(
            w, CSVFormat.RFC4180.builder().setHeader(header().toArray(String[]::new)).build())) {
      for (List<Object> row : rows) {
        p.printRecord(row);
      }
    }
  }

  /** The same content as a Tablesaw table, one typed column per column. */
  public Table toTablesaw() {
    List<Column<?>> built = new ArrayList<>(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      built.add(column(columns.get(c), c));
    }
    return Table.create(name, built);
  }

  private Column<?> column(ResultColumn spec, int c) {
    switch (spec.kind()) {
      case TEXT -> {
        StringColumn col = StringColumn.create(spec.name());
        for (List<Object> row : rows) {
          Object v = row.get(c);
          if (v == null) {
            col.appendMissing();
          } else {
            col.append(v.toString());
          }
        }
        return col;
      }
      case INTEGER -> {
        LongColumn col = LongColumn.create(spec.name());
        for (List<Object> row : rows) {
          if (row.get(c) instanceof Number n) {
            col.append(n.longValue());
          } else {
            col.appendMissing();
          }
        }
        return col;
      }
      case NUMBER -> {
        DoubleColumn col = DoubleColumn.create(spec.name());
        for (List<Object> row : rows) {
          if (row.get(c) instanceof Number n) {
            col.append(n.doubleValue());
          } else {
            col.appendMissing();
          }
        }
        return col;
      }
      case BOOLEAN -> {
        BooleanColumn col = BooleanColumn.create(spec.name());
        for (List<Object> row : rows) {
          if (row.get(c) instanceof Boolean b) {
            col.append(b);
          } else {
            col.appendMissing();
          }
        }
        return col;
      }
    }
    throw new AssertionError(spec.kind());
  }
}
