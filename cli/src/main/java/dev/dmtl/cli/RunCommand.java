package dev.dmtl.cli;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.io.AuditCsv;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InferJob;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunResult;
import dev.dmtl.pipeline.infer.ModelLocation;
import dev.dmtl.pipeline.output.RunManifest;
import dev.dmtl.reports.ReportAssembly;
import dev.dmtl.reports.ReportFiles;
import dev.dmtl.reports.ReportInputException;
import dev.dmtl.reports.ReportVersion;
import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.examples.FileExampleImages;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl run}: the main job in one command — {@code infer}, then {@code audit} of its output,
 * then {@code report}. Same options and output files as the three commands run one after the
 * other: OUTPUT/ holds the Parquet and manifest, OUTPUT/audit/ the audit JSON and CSV tables,
 * OUTPUT/report/ the HTML report and its CSV tables.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Infer, audit and report in one go: predictions for every face in the inputs (OUTPUT/predictions.parquet, "
            + "OUTPUT/dead_letters.parquet, OUTPUT/manifest.json), the fairness audit of them (OUTPUT/audit/audit.json "
            + "and CSV tables) and a self-contained HTML report (OUTPUT/report/report.html and CSV tables).",
        "With --labels the audit measures errors per group; without, it is a label-free audit of the predicted mix.",
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin InferSettings infer;
  @Mixin AuditSettings audit;

  @Option(names = "--include-examples", paramLabel = "N", defaultValue = "0",
      description = "Embed downscaled crops of the N worst errors per task in the report (photographs of people: "
          + "off by default, and the report says so when on). Default: ${DEFAULT-VALUE}.")
  int examples;

  private final Clock clock;

  RunCommand() {
    this(Clock.systemUTC());
  }

  RunCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws InvalidRunException, ContractViolationException, DeviceUnavailableException,
      IOException, ReportInputException {
    CommandLine cli = spec.commandLine();
    if (examples < 0) {
      throw new CommandLine.ParameterException(cli, "--include-examples must be 0 or more, got " + examples);
    }
    InferRequest request = infer.request(cli);
    // labels joined at inference become label_* columns, which the audit reads
    var auditOptions = audit.options(cli, "columns", "auto");
    PrintWriter out = cli.getOut();

    InferJob.PreparedRun prepared = InferJob.prepare(request);
    RunResult inferred;
    if (common.quiet()) {
      inferred = prepared.execute();
    } else {
      try (ProgressReporter progress = new ProgressReporter("dmtl run", request.runId(), System.console() != null,
          System.err, cli.getErr())) {
        inferred = prepared.execute();
      }
    }
    RunManifest.Counts c = inferred.manifest().counts();
    out.printf(Locale.ROOT, "infer: %d inputs, %d rows, %d dead letters in %.1f s%n", c.inputsSeen(), c.rows(),
        c.deadLetters(), inferred.manifest().wallSeconds());
    out.flush();
    if (c.rows() == 0) {
      out.println("no face rows to audit: every input is a dead letter (see " + inferred.outputDir() + "dead_letters.parquet)");
      out.flush();
      return ExitCodes.BAD_INPUT;
    }

    Path outputDir = Path.of(inferred.outputDir());
    Path auditDir = outputDir.resolve("audit");
    AuditResult result;
    try {
      result = new Auditor(auditOptions).audit(AuditInputs.discover(List.of(outputDir)));
    } catch (IllegalArgumentException e) {
      // options that do not fit these predictions, e.g. a --fail-on rule that matches nothing
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
    Files.createDirectories(auditDir);
    Path auditJson = auditDir.resolve("audit.json");
    AuditJson.write(result, auditJson, true);
    List<Path> csv = AuditCsv.write(result, auditDir);
    AuditCommand.summarize(result, auditJson, csv, out);

    ModelFile model = readModel(request.model());
    ReportRun run = new ReportRun(ReportVersion.get(), clock.instant(), auditJson.toString(),
        request.model(), examples);
    ReportInput input = ReportAssembly.assemble(result, run, model, auditDir, List.of(), new FileExampleImages());
    ReportFiles files = ReportWriter.write(input, outputDir.resolve("report"));
    out.println("report: " + files.html());
    if (examples > 0) {
      out.println("note: the report embeds face images (--include-examples); treat it as personal data");
    }
    out.flush();
    return result.failed() ? ExitCodes.RULE_VIOLATED : ExitCodes.OK;
  }

  private static ModelFile readModel(String location) throws InvalidRunException, ContractViolationException {
    return ModelContractReader.read(location, ModelLocation.read(location));
  }
}
