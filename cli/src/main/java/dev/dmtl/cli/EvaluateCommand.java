package dev.dmtl.cli;

import dev.dmtl.app.BadInputException;
import dev.dmtl.app.Evaluation;
import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.audit.groups.AgeBins;
import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.InvalidRunException;
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
 * {@code dmtl evaluate}: the paper's metrics for a model on a split of a UTKFace-style folder. It
 * is an inference run (the pipeline's decoding and output decoding, not a copy) followed by a
 * labelled audit (the audit's metrics and bootstrap intervals), reduced to the paper's table.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "The paper's metrics for a model on one split of a UTKFace-style folder (labels from the file names; split "
          + "by SHA-256 of the file name: 80 %% train, 10 %% val, 10 %% test): age MAE and MSE, cumulative score "
          + "CS(k) for k = 0..20, age-group accuracy, gender and race accuracy, each with a 95 %% bootstrap interval.",
      "Writes OUTPUT/evaluation.json (the numbers dmtl export --held-out-metrics embeds), the predictions and "
          + "the full audit (OUTPUT/audit/).",
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "MODEL.onnx",
      description = "The model to evaluate. Default: the model bundled with dmtl.")
  String model = BundledModel.SOURCE;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Folder of UTKFace-style images named age_gender_race_*.jpg.")
  Path data;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "SPLIT",
      description = "train, val, test or all. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Output folder.")
  Path output;

  @Option(
      names = "--overwrite",
      description = "Replace a previous evaluation in the output folder.")
  boolean overwrite;

  @Option(
      names = "--age-bins",
      defaultValue = "decades",
      paramLabel = "BINS",
      description =
          "Age groups of the age-group accuracy: decades (0-9, 10-19, ..., 90+), fairface, adience, "
              + "life-stages, or lower edges such as 0,13,20,40,60. Default: ${DEFAULT-VALUE}.")
  String ageBins;

  @Option(
      names = "--age-prediction",
      defaultValue = "rank",
      paramLabel = "WHICH",
      description =
          "rank (paper Eq. 6: 1 + the number of thresholds passed) or expected (expected rank). "
              + "Default: ${DEFAULT-VALUE}.")
  String agePrediction;

  @Option(
      names = "--resamples",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Bootstrap resamples for the intervals. Default: ${DEFAULT-VALUE}.")
  int resamples;

  @Mixin ExecutionSettings execution;

  private final Clock clock;

  EvaluateCommand() {
    this(Clock.systemUTC());
  }

  EvaluateCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call()
      throws IOException,
          InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          BadInputException {
    CommandLine cli = spec.commandLine();
    Evaluation.Request request;
    try {
      DataSplit wanted = split.equalsIgnoreCase("all") ? null : DataSplit.parse(split);
      InferRequest infer =
          new InferRequest(
              List.of(),
              output.resolve("inputs.txt").toString(),
              output.resolve("predictions").toString(),
              overwrite,
              model,
              FaceMode.ALIGNED,
              DetectorOptions.defaults(),
              execution.batchSize(),
              execution.device(),
              "utkface",
              DecodeLimits.DEFAULTS,
              execution.runner(),
              execution.flinkMaster,
              execution.parallelism(),
              execution.intraOpThreads,
              InferRequest.newRunId(),
              null,
              dev.dmtl.pipeline.SinkOptions.NONE,
              null);
      request = new Evaluation.Request(data, wanted, infer, auditOptions(), output);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
    Evaluation.Outcome outcome =
        new Evaluation(clock)
            .run(request, ProgressReporter.of(common, execution.flinkMaster, cli.getErr()));
    PrintWriter out = cli.getOut();
    print(outcome, out);
    out.println(
        "wrote "
            + outcome.file()
            + " (for dmtl export --held-out-metrics), predictions in "
            + outcome.inference().outputDir()
            + ", the full audit in "
            + outcome.audit().json().getParent());
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * A labelled audit of the overall population and single attributes; every group is reported,
   * however small.
   */
  private AuditOptions auditOptions() {
    return AuditOptions.defaults()
        .withAgeBins(AgeBins.parse(ageBins))
        .withAgePrediction(AgePrediction.parse(agePrediction))
        .withLabelSource(LabelOrigin.COLUMNS)
        .withMode(ModeChoice.LABELLED)
        .withResamples(resamples)
        .withMaxIntersection(1)
        .withMinGroupSize(1);
  }

  private static void print(Evaluation.Outcome outcome, PrintWriter out) {
    Evaluation.Report r = outcome.report();
    out.printf(
        Locale.ROOT,
        "dmtl evaluate: %s split of %s, %d images, %,d face rows%n",
        r.split(),
        r.data(),
        r.images(),
        outcome.audit().result().overall().n());
    for (Evaluation.Row row : Evaluation.rows()) {
      if (row.name().startsWith("age_cs_")
          && !List.of("age_cs_0", "age_cs_5", "age_cs_10", "age_cs_20").contains(row.name())) {
        continue; // the full CS curve is in evaluation.json
      }
      Evaluation.Value v = r.metrics().get(row.name());
      if (v != null) {
        out.printf(
            Locale.ROOT, "  %-28s %s  (n = %,d)%n", row.name(), format(v, row.percent()), v.n());
      }
    }
  }

  private static String format(Evaluation.Value v, boolean percent) {
    double scale = percent ? 100 : 1;
    String unit = percent ? " %" : "";
    if (Double.isNaN(v.lower())) {
      return String.format(Locale.ROOT, "%.2f%s", v.value() * scale, unit);
    }
    return String.format(
        Locale.ROOT,
        "%.2f%s [%.2f, %.2f]",
        v.value() * scale,
        unit,
        v.lower() * scale,
        v.upper() * scale);
  }
}
