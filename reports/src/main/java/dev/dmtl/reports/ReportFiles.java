package dev.dmtl.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter} wrote.
 *
 * @param html the report
 * @param csv the CSV files, one per table
 */
public record ReportFiles(Path html, List<Path> csv) {
  public ReportFiles {
    csv = List.copyOf(csv);
  }
}
