package dev.dmtl.reports.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes {@link CsvTable}s as RFC 4180 CSV (UTF-8, comma, CRLF, a header row) with Commons CSV,
 * which quotes fields holding commas, quotes or line breaks. Fields are written as they are: user
 * data such as file names reaches the CSV intact.
 */
public final class CsvTableWriter {

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.MINIMAL).build();

  private CsvTableWriter() {}

  /** Writes {@code table} to {@code dir/<name>.csv}, replacing a file of that name. */
  public static Path write(CsvTable table, Path dir) throws IOException {
    Path file = dir.resolve(table.fileName());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(table, out);
    } catch (IOException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** Writes {@code table} to {@code out} (not closed). */
  public static void write(CsvTable table, Appendable out) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, FORMAT);
    printer.printRecord(table.header());
    for (var row : table.rows()) {
      printer.printRecord(row);
    }
    printer.flush();
  }
}
