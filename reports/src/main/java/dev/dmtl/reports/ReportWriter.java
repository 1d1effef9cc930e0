package dev.dmtl.reports;

import dev.dmtl.audit.examples.ExampleMap;
import dev.dmtl.audit.examples.FaceRef;
import dev.dmtl.audit.examples.WorstError;
import dev.dmtl.audit.examples.WorstErrors;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.csv.CsvTableWriter;
import dev.dmtl.reports.examples.ExampleCrop;
import dev.dmtl.reports.examples.ExampleImages;
import dev.dmtl.reports.examples.PngThumbnail;
import dev.dmtl.reports.html.HtmlReport;
import dev.dmtl.reports.input.Example;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.tables.ReportTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a report: {@value #HTML_NAME} and one CSV file per table into a folder. The HTML is
 * written to a temporary file first and moved into place, so a reader never opens half a report.
 */
public final class ReportWriter {

  /** The report's file name inside the output folder. */
  public static final String HTML_NAME = "report.html";

  private ReportWriter() {}

  /** Writes the report of {@code input} into {@code outDir} (created when missing). */
  public static ReportFiles write(ReportInput input, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    ReportTables tables = ReportTables.build(input);
    List<Path> csv = new ArrayList<>();
    for (CsvTable t : tables.all()) {
      csv.add(CsvTableWriter.write(t, outDir));
    }
    Path html = outDir.resolve(HTML_NAME);
    Path tmp = outDir.resolve("." + HTML_NAME + ".tmp");
    try {
      Files.writeString(tmp, HtmlReport.render(input, tables), StandardCharsets.UTF_8);
      Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("cannot write " + html + ": " + e.getMessage(), e);
    }
    return new ReportFiles(html, csv);
  }

  /**
   * The worst-error examples of an audit: the {@code perTask} worst errors of each task, read from
   * the prediction files, with crops from {@code images}.
   *
   * @param predictionFiles the prediction Parquet files (normally those the audit read; see {@link
   *     #predictionFiles})
   */
  public static List<Example> examples(
      AuditResult audit, List<Path> predictionFiles, int perTask, ExampleImages images)
      throws IOException {
    List<WorstError> errors =
        WorstErrors.select(predictionFiles, audit.tasks(), audit.provenance().options(), perTask);
    List<FaceRef> refs = errors.stream().map(WorstError::ref).distinct().toList();
    Map<FaceRef, ExampleCrop> crops = images.crops(refs, PngThumbnail.DEFAULT_SIZE);
    // the maps of a run with --cams, drawn next to each crop; none otherwise
    Map<FaceRef, Map<String, ExampleMap>> maps =
        WorstErrors.maps(
            predictionFiles, audit.tasks().stream().map(t -> t.task().name()).toList(), refs);
    List<Example> out = new ArrayList<>();
    for (WorstError e : errors) {
      ExampleCrop crop = crops.get(e.ref());
      out.add(
          new Example(
              e,
              crop == null ? ExampleCrop.unavailable("no image was produced for this face") : crop,
              maps.getOrDefault(e.ref(), Map.of()).get(e.task())));
    }
    return out;
  }

  /** The prediction files the audit read, as recorded in its provenance. */
  public static List<Path> predictionFiles(AuditResult audit) {
    return audit.provenance().inputs().stream()
        .filter(f -> f.kind() == InputFile.Kind.PREDICTIONS)
        .map(f -> Path.of(f.path()))
        .toList();
  }

  /** The dead-letter files the audit read, as recorded in its provenance. */
  public static List<Path> deadLetterFiles(AuditResult audit) {
    return audit.provenance().inputs().stream()
        .filter(f -> f.kind() == InputFile.Kind.DEAD_LETTERS)
        .map(f -> Path.of(f.path()))
        .toList();
  }
}
