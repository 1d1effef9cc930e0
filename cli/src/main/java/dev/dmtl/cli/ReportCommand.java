package dev.dmtl.cli;

import dev.dmtl.app.ReportStep;
import dev.dmtl.audit.compare.ChangesFiles;
import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.reports.ReportInputException;
import dev.dmtl.reports.examples.ExampleImages;
import dev.dmtl.reports.examples.FileExampleImages;
import dev.dmtl.reports.pdf.BrowserUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl report}: an audit JSON (written by {@code dmtl audit}) → one self-contained {@code
 * report.html} and one CSV file per table. With {@code --model} the report also shows the model's
 * tasks, learned task weights and training history; {@code --include-examples N} embeds crops of
 * the N worst errors per task (face images: off by default); with {@code --changes} (a {@code dmtl
 * compare} result) a "What changed" section and {@code changes.csv}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained HTML report (report.html, no network, no script) and one CSV file per table "
          + "from an audit JSON written by dmtl audit.",
      "Face images are never included unless --include-examples is given.",
      "With --changes (a changes.json of dmtl compare) also a 'What changed' section and changes.csv.",
      "With --pdf also report.pdf, printed by headless Chromium."
    })
public final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "AUDIT.json",
      description = "The audit JSON written by dmtl audit.")
  Path auditFile;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description =
          "Folder for report.html and the CSV files (created if missing; files of the same names are "
              + "replaced). Default: a folder 'report' next to AUDIT.json.")
  Path out;

  @Option(
      names = "--model",
      paramLabel = "MODEL.onnx",
      description =
          "The model file: adds its tasks, learned task weights (β, Eq. 16) and training history.")
  Path model;

  @Option(
      names = "--include-examples",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Embed downscaled crops (64 px) of the N worst errors per task. These are photographs of "
              + "people: the report then says so in a visible notice. Default: ${DEFAULT-VALUE} (no images).")
  int examples;

  @Option(
      names = "--predictions",
      paramLabel = "FILE",
      split = ",",
      description =
          "Prediction Parquet files to take the examples from, when they moved since the audit "
              + "(each must be a file the audit read). Default: the files recorded in AUDIT.json.")
  List<Path> predictions = new ArrayList<>();

  @Option(
      names = "--changes",
      paramLabel = "changes.json",
      description =
          "A comparison written by dmtl compare with this audit's model as the candidate: adds the"
              + " 'What changed' section and changes.csv (docs/COMPARE.md).")
  Path changes;

  @Mixin PdfOptions pdf;

  private final ExampleImages images;
  private final Clock clock;

  /** With crops read from plain image files (see {@link FileExampleImages}). */
  public ReportCommand() {
    this(new FileExampleImages(), Clock.systemUTC());
  }

  /**
   * With another source of example crops (e.g. one backed by the inference module's decoder, which
   * also reads archive entries) and a clock (fixed in tests).
   */
  public ReportCommand(ExampleImages images, Clock clock) {
    this.images = Objects.requireNonNull(images, "images");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Integer call()
      throws IOException,
          ReportInputException,
          ContractViolationException,
          BrowserUnavailableException {
    if (examples < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--include-examples must be 0 or more, got " + examples);
    }
    if (!Files.isRegularFile(auditFile)) {
      throw new NoSuchFileException(auditFile.toString(), null, "audit file not found");
    }
    AuditResult audit;
    try {
      audit = AuditJson.read(auditFile);
    } catch (IllegalArgumentException e) {
      throw new ReportInputException(e.getMessage(), e);
    }
    ComparisonResult comparison = null;
    if (changes != null) {
      if (!Files.isRegularFile(changes)) {
        throw new NoSuchFileException(changes.toString(), null, "changes file not found");
      }
      try {
        comparison = ChangesFiles.read(changes);
      } catch (IllegalArgumentException e) {
        throw new ReportInputException(e.getMessage(), e);
      }
    }
    ModelFile modelFile = model == null ? null : ModelContractReader.read(model);
    Path dir = out != null ? out : auditFile.toAbsolutePath().getParent().resolve("report");
    ReportStep.Request request =
        new ReportStep.Request(
            audit,
            auditFile,
            modelFile,
            model == null ? null : model.toString(),
            dir,
            examples,
            predictions,
            comparison);
    ReportStep.Outcome outcome = new ReportStep(images, clock).run(request);

    PrintWriter o = spec.commandLine().getOut();
    o.println(
        "wrote " + outcome.files().html() + " and " + outcome.files().csv().size() + " CSV files");
    if (examples > 0) {
      o.println(
          "note: the report embeds "
              + outcome.embeddedImages()
              + " face images (--include-examples); treat it as personal data");
    }
    pdf.print(outcome, o);
    o.flush();
    return ExitCodes.OK;
  }
}
