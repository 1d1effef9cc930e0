package dev.dmtl.reports;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.reports.examples.ExampleImages;
import dev.dmtl.reports.input.Example;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gathers what a report shows besides the audit result: when asked for, the worst-error examples,
 * whose prediction files must be those the audit read (their SHA-256 is checked against the audit's
 * provenance). {@code dmtl report} and {@code dmtl run} both call {@link #assemble}.
 */
public final class ReportAssembly {

  private ReportAssembly() {}

  /**
   * @param audit the audit result
   * @param run about the report (its {@code examplesRequested} decides whether examples are read)
   * @param model the model file given, or null
   * @param base folder that relative paths recorded in the audit are also tried against (the audit
   *     JSON's folder), or null
   * @param predictionOverride prediction files to take the examples from instead of those the audit
   *     recorded (moved files); each must have the SHA-256 of a file the audit read. Empty: the
   *     recorded ones
   * @param images produces the example crops (only used when examples are requested)
   * @throws ReportInputException when examples are requested and their prediction files are missing
   *     or not those the audit read
   */
  public static ReportInput assemble(
      AuditResult audit,
      ReportRun run,
      ModelFile model,
      Path base,
      List<Path> predictionOverride,
      ExampleImages images)
      throws IOException, ReportInputException {
    ReportInput in = new ReportInput(audit, model, List.of(), run);
    if (run.examplesRequested() == 0) {
      return in;
    }
    List<Path> predictions =
        predictionOverride.isEmpty()
            ? recorded(audit, InputFile.Kind.PREDICTIONS, base)
            : List.copyOf(predictionOverride);
    Set<String> audited =
        audit.provenance().inputs().stream()
            .filter(f -> f.kind() == InputFile.Kind.PREDICTIONS)
            .map(InputFile::sha256)
            .collect(Collectors.toSet());
    for (Path p : predictions) {
      if (!Files.isRegularFile(p)) {
        throw new ReportInputException(
            "--include-examples needs the prediction file "
                + p
                + ", which does not exist; name where it is now with --predictions");
      }
      if (!audited.contains(ContentHash.sha256Hex(p))) {
        throw new ReportInputException(
            "prediction file "
                + p
                + " is not one the audit read (its SHA-256 differs): "
                + "the examples would not match the report's numbers");
      }
    }
    List<Example> examples =
        ReportWriter.examples(audit, predictions, run.examplesRequested(), images);
    return in.withExamples(examples);
  }

  private static List<Path> recorded(AuditResult audit, InputFile.Kind kind, Path base)
      throws ReportInputException {
    List<Path> out = new ArrayList<>();
    for (InputFile f : audit.provenance().inputs()) {
      if (f.kind() == kind) {
        out.add(
            AuditInputs.locate(f.path(), base)
                .orElseThrow(
                    () ->
                        new ReportInputException(
                            "--include-examples needs the "
                                + "prediction file "
                                + f.path()
                                + " the audit read, which is not there any more; name where it is now with "
                                + "--predictions")));
      }
    }
    return out;
  }
}
