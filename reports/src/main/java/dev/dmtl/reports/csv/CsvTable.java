package dev.dmtl.reports.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One table of the report as text cells: written to {@code <name>.csv} and read by the HTML
 * renderer, so both show the same strings. Cells are plain text (user data included, unescaped):
 * escaping is the writer's job (Commons CSV, jsoup). A null cell is written as an empty field and
 * means "not applicable" (no class label for a metric without one); a number that could not be
 * measured is {@link dev.dmtl.reports.format.NumberStyle#NOT_AVAILABLE}.
 *
 * @param name file name without {@code .csv}: lower case letters, digits and underscores
 * @param header column names, documented in docs/REPORT_CSV.md
 * @param rows one list per row, each as long as the header
 */
public record CsvTable(String name, List<String> header, List<List<String>> rows) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public CsvTable {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad table name '" + name + "'");
    }
    header = List.copyOf(header);
    List<List<String>> copy = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "table "
                + name
                + ": row of "
                + row.size()
                + " cells for "
                + header.size()
                + " columns: "
                + row);
      }
      // List.copyOf rejects nulls, and null cells are allowed
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = java.util.Collections.unmodifiableList(copy);
  }

  /** The file name, {@code <name>.csv}. */
  public String fileName() {
    return name + ".csv";
  }

  /** The index of a column. */
  public int column(String columnName) {
    int i = header.indexOf(columnName);
    if (i < 0) {
      throw new IllegalArgumentException("table " + name + " has no column " + columnName);
    }
    return i;
  }

  /** A builder that checks row widths as rows are added. */
  public static Builder builder(String name, List<String> header) {
    return new Builder(name, header);
  }

  /** Collects rows. */
  public static final class Builder {
    private final String name;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(String name, List<String> header) {
      this.name = name;
      this.header = List.copyOf(header);
    }

    /** Adds a row; {@code cells} may hold nulls (empty fields). */
    public Builder row(String... cells) {
      return row(java.util.Arrays.asList(cells));
    }

    public Builder row(List<String> cells) {
      if (cells.size() != header.size()) {
        throw new IllegalArgumentException(
            "table "
                + name
                + ": row of "
                + cells.size()
                + " cells for "
                + header.size()
                + " columns "
                + header);
      }
      rows.add(new ArrayList<>(cells));
      return this;
    }

    public CsvTable build() {
      return new CsvTable(name, header, rows);
    }
  }
}
