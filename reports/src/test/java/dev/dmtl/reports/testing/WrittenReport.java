package dev.dmtl.reports.testing;

import dev.dmtl.reports.ReportFiles;
import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.input.ReportInput;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A report written to disk and read back: the HTML parsed by jsoup, the CSV files by Commons CSV.
 */
public final class WrittenReport {

  private final Path dir;
  private final String html;
  private final Document doc;
  private final ReportFiles files;
  private final Map<String, List<CSVRecord>> csv = new java.util.HashMap<>();

  private WrittenReport(Path dir, String html, Document doc, ReportFiles files) {
    this.dir = dir;
    this.html = html;
    this.doc = doc;
    this.files = files;
  }

  public static WrittenReport write(ReportInput input, Path dir) throws IOException {
    ReportFiles files = ReportWriter.write(input, dir);
    String html = Files.readString(files.html(), StandardCharsets.UTF_8);
    return new WrittenReport(dir, html, Jsoup.parse(html), files);
  }

  public Path dir() {
    return dir;
  }

  public String html() {
    return html;
  }

  public Document doc() {
    return doc;
  }

  public ReportFiles files() {
    return files;
  }

  /** The records of {@code <name>.csv}, by header (read once). */
  public List<CSVRecord> csv(String name) throws IOException {
    List<CSVRecord> cached = csv.get(name);
    if (cached != null) {
      return cached;
    }
    try (Reader in = Files.newBufferedReader(dir.resolve(name + ".csv"), StandardCharsets.UTF_8)) {
      List<CSVRecord> records =
          new ArrayList<>(
              CSVFormat.RFC4180
                  .builder()
                  .setHeader()
                  .setSkipHeaderRecord(true)
                  .build()
                  .parse(in)
                  .getRecords());
      csv.put(name, records);
      return records;
    }
  }

  /** The header of {@code <name>.csv}. */
  public List<String> header(String name) throws IOException {
    try (Reader in = Files.newBufferedReader(dir.resolve(name + ".csv"), StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .build()
          .parse(in)
          .getHeaderNames();
    }
  }

  /** The single record of {@code <name>.csv} whose columns have these values. */
  public CSVRecord row(String name, Map<String, String> where) throws IOException {
    List<CSVRecord> hits =
        csv(name).stream()
            .filter(
                r ->
                    where.entrySet().stream().allMatch(e -> e.getValue().equals(r.get(e.getKey()))))
            .toList();
    if (hits.size() != 1) {
      throw new AssertionError(hits.size() + " rows of " + name + ".csv match " + where);
    }
    return hits.get(0);
  }
}
