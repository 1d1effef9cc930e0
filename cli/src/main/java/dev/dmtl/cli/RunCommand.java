package dev.dmtl.cli;

import dev.dmtl.app.AuditStep;
import dev.dmtl.app.BadInputException;
import dev.dmtl.app.CompareStep;
import dev.dmtl.app.MainJob;
import dev.dmtl.app.ReportStep;
import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.reports.ReportInputException;
import dev.dmtl.reports.examples.FileExampleImages;
import dev.dmtl.reports.pdf.BrowserUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
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
 * {@code dmtl run}: the main job in one command ({@link MainJob}) — {@code infer}, then {@code
 * audit} of its output, then {@code report}. Same options and output files as the three commands
 * run one after the other: OUTPUT/ holds the Parquet and manifest, OUTPUT/audit/ the audit JSON and
 * CSV tables, OUTPUT/report/ the HTML report and its CSV tables.
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
      "With --pdf the report is also printed to OUTPUT/report/report.pdf by headless Chromium.",
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin InferSettings infer;
  @Mixin AuditSettings audit;
  @Mixin PdfOptions pdf;

  @Option(
      names = "--include-examples",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Embed downscaled crops of the N worst errors per task in the report (photographs of people: "
              + "off by default, and the report says so when on). Default: ${DEFAULT-VALUE}.")
  int examples;

  @Option(
      names = "--baseline",
      paramLabel = "RUN",
      description =
          "After the audit and report, compare this run's predictions (the candidate) with those of"
              + " RUN (the baseline: a run folder or prediction Parquet file, labelled) over the faces"
              + " both have: OUTPUT/changes/changes.json and changes.csv, paired bootstrap intervals."
              + " --fail-on \"delta(...)\" rules gate the changes (docs/COMPARE.md).")
  Path baseline;

  private final Clock clock;

  RunCommand() {
    this(Clock.systemUTC());
  }

  RunCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call()
      throws InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          IOException,
          ReportInputException,
          BadInputException,
          BrowserUnavailableException {
    CommandLine cli = spec.commandLine();
    InferRequest request = infer.request(cli);
    List<DeltaRule> deltaRules = audit.deltaRules(cli);
    if (baseline == null && !deltaRules.isEmpty()) {
      throw new CommandLine.ParameterException(
          cli, "--fail-on " + deltaRules.get(0).text() + " needs --baseline RUN");
    }
    if (baseline != null) {
      // a missing or empty baseline is refused before the inference it would waste
      CompareStep.checkBaseline(baseline);
    }
    MainJob.Request job;
    try {
      // labels joined at inference become label_* columns, which the audit reads
      job =
          new MainJob.Request(
              request,
              audit.options(cli, "columns", "auto", baseline != null),
              examples,
              baseline == null ? null : new MainJob.Baseline(baseline, deltaRules));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
    MainJob main =
        new MainJob(
            new AuditStep(clock),
            new ReportStep(new FileExampleImages(), clock),
            new CompareStep(clock));
    MainJob.Outcome outcome;
    try {
      outcome = main.run(job, ProgressReporter.of(common, request.flinkMaster(), cli.getErr()));
    } catch (IllegalArgumentException e) {
      // audit options that do not fit these predictions, e.g. a --fail-on rule that matches nothing
      // (a delta(...) rule included)
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
    PrintWriter out = cli.getOut();
    RunManifest.Counts c = outcome.inference().manifest().counts();
    out.printf(
        Locale.ROOT,
        "infer: %d inputs, %d rows, %d dead letters%s in %.1f s%n",
        c.inputsSeen(),
        c.rows(),
        c.deadLetters(),
        c.skippedKnown() > 0 ? ", " + c.skippedKnown() + " skipped as known" : "",
        outcome.inference().manifest().wallSeconds());
    InferCommand.printDatabase(request, out);
    if (!outcome.audited()) {
      return nothingToAudit(c, outcome.inference().outputDir(), out);
    }
    AuditCommand.summarize(outcome.audit(), out);
    out.println("report: " + outcome.report().files().html());
    pdf.print(outcome.report(), out);
    if (examples > 0) {
      out.println(
          "note: the report embeds face images (--include-examples); treat it as personal data");
    }
    boolean regressed = false;
    if (outcome.changes() != null) {
      out.println("changes against the baseline " + baseline + ":");
      CompareCommand.summarize(outcome.changes(), out);
      regressed = outcome.changes().result().failed();
    }
    out.flush();
    return outcome.audit().result().failed() || regressed ? ExitCodes.RULE_VIOLATED : ExitCodes.OK;
  }

  /**
   * A run without a face row has nothing to audit. When every input was already known (a nightly
   * {@code --skip-known} run over an archive that did not grow) that is a success, not bad input;
   * when new inputs all failed it is bad input, as without {@code --skip-known}.
   */
  private static int nothingToAudit(RunManifest.Counts c, String outputDir, PrintWriter out) {
    if (c.deadLetters() == 0 && c.skippedKnown() > 0) {
      out.println(
          "nothing new to audit: all "
              + c.skippedKnown()
              + " inputs were already known (--skip-known); no audit or report written. The"
              + " whole archive: dmtl audit SINK --where ... (docs/DATABASE.md)");
      out.flush();
      return ExitCodes.OK;
    }
    out.println(
        "no face rows to audit: every new input is a dead letter ("
            + c.deadLetters()
            + (c.skippedKnown() > 0 ? ", " + c.skippedKnown() + " skipped as known" : "")
            + "; see "
            + outputDir
            + "dead_letters.parquet)");
    out.flush();
    return ExitCodes.BAD_INPUT;
  }
}
