package dev.dmtl.app;

import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.result.AuditProvenance;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.contract.ToolVersion;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.reports.ReportAssembly;
import dev.dmtl.reports.ReportFiles;
import dev.dmtl.reports.ReportInputException;
import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.examples.ExampleImages;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import dev.dmtl.reports.pdf.BrowserUnavailableException;
import dev.dmtl.reports.pdf.Chromium;
import dev.dmtl.reports.pdf.PdfPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code dmtl report}: a self-contained HTML report and its CSV tables from an audit, with the
 * model's training record when the model is given, a "What changed" section when a comparison
 * against a baseline is given and, on request, crops of the worst errors.
 */
public final class ReportStep {

  /**
   * @param audit the audit result
   * @param auditFile the audit JSON it was read from (recorded in the report; relative paths in the
   *     audit are also tried against its folder), or null when the audit was made in memory
   * @param model the validated model, or null
   * @param modelName how the report names the model file (as the user gave it), or null
   * @param outDir where {@code report.html} and the CSV tables go (created; same-named files are
   *     replaced)
   * @param examples worst-error crops per task, 0 for none (face images are opt-in)
   * @param predictions prediction files to take the examples from when they moved since the audit;
   *     empty: those the audit recorded
   * @param changes a comparison of the audited model (as candidate) against a baseline, from {@code
   *     dmtl compare}'s {@code changes.json}: adds the "What changed" section and {@code
   *     changes.csv}; null for none
   */
  public record Request(
      AuditResult audit,
      Path auditFile,
      ModelFile model,
      String modelName,
      Path outDir,
      int examples,
      List<Path> predictions,
      ComparisonResult changes) {

    /** Without a comparison. */
    public Request(
        AuditResult audit,
        Path auditFile,
        ModelFile model,
        String modelName,
        Path outDir,
        int examples,
        List<Path> predictions) {
      this(audit, auditFile, model, modelName, outDir, examples, predictions, null);
    }

    public Request {
      Objects.requireNonNull(audit, "audit");
      Objects.requireNonNull(outDir, "outDir");
      predictions = List.copyOf(predictions);
      if (examples < 0) {
        throw new IllegalArgumentException("--include-examples must be 0 or more, got " + examples);
      }
    }
  }

  /**
   * @param input everything the report shows
   * @param files what was written
   */
  public record Outcome(ReportInput input, ReportFiles files) {
    /** Face crops embedded in the report. */
    public long embeddedImages() {
      return input.examples().stream().filter(e -> e.crop().available()).count();
    }
  }

  private final ExampleImages images;
  private final Clock clock;

  /**
   * @param images where example crops come from
   * @param clock the report's time (fixed in tests)
   */
  public ReportStep(ExampleImages images, Clock clock) {
    this.images = Objects.requireNonNull(images, "images");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws ReportInputException when the output folder is the audit's own, or the example
   *     prediction files are missing or not those the audit read
   * @throws IOException when reading images or writing the report fails
   */
  public Outcome run(Request request) throws ReportInputException, IOException {
    Path base =
        request.auditFile() == null ? null : request.auditFile().toAbsolutePath().getParent();
    if (base != null
        && Files.isDirectory(request.outDir())
        && Files.isSameFile(request.outDir(), base)) {
      // the audit's own CSV files (gaps.csv, coverage.csv, …) live there, with other columns
      throw new ReportInputException(
          "--out "
              + request.outDir()
              + " is the audit's folder; its CSV files would be "
              + "replaced by the report's: choose another folder");
    }
    ReportRun run =
        new ReportRun(
            ToolVersion.version(),
            clock.instant(),
            request.auditFile() == null ? null : request.auditFile().toString(),
            request.modelName(),
            request.examples());
    ReportInput input =
        ReportAssembly.assemble(
                request.audit(), run, request.model(), base, request.predictions(), images)
            .withChanges(request.changes());
    return new Outcome(input, ReportWriter.write(input, request.outDir()));
  }

  /**
   * Prints the written report to {@value PdfPrinter#PDF_NAME} next to its HTML, with headless
   * Chromium; the footer names the run that wrote the audited predictions (from their Parquet
   * footers), or the audit's time when the files name no run.
   *
   * @param chromium the browser executable, or null for the default ({@link Chromium#locate})
   * @return the PDF
   * @throws BrowserUnavailableException when there is no Chromium (the HTML stays as written)
   * @throws IOException when the browser fails to print
   */
  public static Path printPdf(Outcome outcome, Path chromium)
      throws BrowserUnavailableException, IOException {
    Path browser = Chromium.locate(chromium);
    Path html = outcome.files().html();
    String footer = footer(outcome.input().audit().provenance());
    return new PdfPrinter(browser).print(html, html.resolveSibling(PdfPrinter.PDF_NAME), footer);
  }

  /** "dmtl run ID", "dmtl runs A, B, C and 2 more", or the audit's time. */
  static String footer(AuditProvenance provenance) {
    List<String> runs =
        provenance.inputs().stream()
            .filter(f -> f.kind() == InputFile.Kind.PREDICTIONS && f.runId() != null)
            .map(InputFile::runId)
            .distinct()
            .toList();
    if (runs.isEmpty()) {
      return "dmtl audit of " + provenance.createdAt();
    }
    if (runs.size() == 1) {
      return "dmtl run " + runs.get(0);
    }
    String shown = String.join(", ", runs.subList(0, Math.min(3, runs.size())));
    return "dmtl runs " + shown + (runs.size() > 3 ? " and " + (runs.size() - 3) + " more" : "");
  }
}
