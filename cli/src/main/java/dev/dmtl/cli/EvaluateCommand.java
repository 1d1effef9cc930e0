package dev.dmtl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.LabelSource;
import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.audit.groups.AgeBins;
import dev.dmtl.audit.io.AuditCsv;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.Device;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InferJob;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunResult;
import dev.dmtl.pipeline.RunnerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL.onnx",
      description = "The model to evaluate. Default: the model bundled with dmtl.")
  String model = BundledModel.SOURCE;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Folder of UTKFace-style images named age_gender_race_*.jpg.")
  Path data;

  @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
      description = "train, val, test or all. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
  Path output;

  @Option(names = "--overwrite", description = "Replace a previous evaluation in the output folder.")
  boolean overwrite;

  @Option(names = "--age-bins", defaultValue = "decades", paramLabel = "BINS",
      description = "Age groups of the age-group accuracy: decades (0-9, 10-19, ..., 90+), fairface, adience, "
          + "life-stages, or lower edges such as 0,13,20,40,60. Default: ${DEFAULT-VALUE}.")
  String ageBins;

  @Option(names = "--age-prediction", defaultValue = "rank", paramLabel = "WHICH",
      description = "rank (paper Eq. 6: 1 + the number of thresholds passed) or expected (expected rank). "
          + "Default: ${DEFAULT-VALUE}.")
  String agePrediction;

  @Option(names = "--resamples", defaultValue = "1000", paramLabel = "N",
      description = "Bootstrap resamples for the intervals. Default: ${DEFAULT-VALUE}.")
  int resamples;

  @Option(names = {"-b", "--batch-size"}, defaultValue = "32", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--runner", defaultValue = "flink", paramLabel = "flink|direct", description = "Default: ${DEFAULT-VALUE}.")
  String runner;

  @Option(names = {"-p", "--parallelism"}, paramLabel = "N", description = "Worker threads. Default: the number of cores.")
  Integer parallelism;

  @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu", description = "Default: ${DEFAULT-VALUE}.")
  String device;

  @Override
  public Integer call() throws IOException, InvalidRunException, ContractViolationException, DeviceUnavailableException {
    CommandLine cli = spec.commandLine();
    if (!Files.isDirectory(data)) {
      throw new NoSuchFileException(data.toString(), null, "evaluation data folder not found");
    }
    List<String> files = splitFiles(cli);
    if (files.isEmpty()) {
      throw new InvalidRunException("no images of the " + split + " split in " + data);
    }
    AuditOptions options = auditOptions(cli);
    Files.createDirectories(output);
    Path list = output.resolve("inputs.txt");
    Files.write(list, files);
    Path predictions = output.resolve("predictions");
    InferRequest request;
    try {
      request = new InferRequest(List.of(), list.toString(), predictions.toString(), overwrite, model, FaceMode.ALIGNED,
          DetectorOptions.defaults(),
          batchSize, Device.parse(device), "utkface", DecodeLimits.DEFAULTS, RunnerKind.parse(runner), null,
          parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism, 1, InferRequest.newRunId());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
    PrintWriter out = cli.getOut();
    InferJob.PreparedRun prepared = InferJob.prepare(request);
    RunResult inferred;
    if (common.quiet()) {
      inferred = prepared.execute();
    } else {
      try (ProgressReporter progress = new ProgressReporter("dmtl evaluate", request.runId(),
          System.console() != null, System.err, cli.getErr())) {
        inferred = prepared.execute();
      }
    }
    AuditResult audit = new Auditor(options).audit(AuditInputs.discover(List.of(Path.of(inferred.outputDir()))));
    Path auditDir = output.resolve("audit");
    Files.createDirectories(auditDir);
    AuditJson.write(audit, auditDir.resolve("audit.json"), true);
    AuditCsv.write(audit, auditDir);

    ObjectNode evaluation = evaluation(audit, options, files.size(), inferred.manifest().counts().deadLetters());
    Path json = output.resolve("evaluation.json");
    JSON.writeValue(json.toFile(), evaluation);
    print(audit, files.size(), out);
    out.println("wrote " + json + " (for dmtl export --held-out-metrics), predictions in " + predictions
        + ", the full audit in " + auditDir);
    out.flush();
    return ExitCodes.OK;
  }

  private List<String> splitFiles(CommandLine cli) throws IOException {
    DataSplit wanted;
    try {
      wanted = split.equalsIgnoreCase("all") ? null : DataSplit.parse(split);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.list(data)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> wanted == null || DataSplit.of(p.getFileName().toString()) == wanted)
          .map(p -> p.toAbsolutePath().toString())
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  /** A labelled audit of the overall population and single attributes; every group is reported, however small. */
  private AuditOptions auditOptions(CommandLine cli) {
    try {
      return AuditOptions.defaults()
          .withAgeBins(AgeBins.parse(ageBins))
          .withAgePrediction(AgePrediction.parse(agePrediction))
          .withLabelSource(LabelSource.parse("columns"))
          .withMode(ModeChoice.parse("labelled"))
          .withResamples(resamples)
          .withMaxIntersection(1)
          .withMinGroupSize(1);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
  }

  /** The paper's numbers with intervals, as JSON: {@code {"age_mae": {"value":…, "lower":…, "upper":…}, …}}. */
  private ObjectNode evaluation(AuditResult audit, AuditOptions options, int images, long deadLetters) {
    ObjectNode root = JSON.createObjectNode();
    root.put("data", data.toAbsolutePath().toString());
    root.put("split", split.toLowerCase(Locale.ROOT));
    root.put("images", images);
    root.put("dead_letters", deadLetters);
    root.put("age_bins", ageBins);
    root.put("age_prediction", agePrediction);
    root.put("confidence_level", options.confidenceLevel());
    root.put("bootstrap_resamples", resamples);
    for (Row row : rows()) {
      audit.overall().metric(row.key()).ifPresent(m -> {
        ObjectNode v = root.putObject(row.name());
        v.put("value", m.estimate().value());
        v.put("lower", m.estimate().lower());
        v.put("upper", m.estimate().upper());
        v.put("n", m.n());
      });
    }
    return root;
  }

  private record Row(String name, MetricKey key, boolean percent) {}

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("age_mae", MetricKey.of("age", Metric.MAE), false));
    rows.add(new Row("age_mse", MetricKey.of("age", Metric.MSE), false));
    rows.add(new Row("age_group_accuracy", MetricKey.of("age", Metric.GROUP_ACCURACY), true));
    rows.add(new Row("age_group_one_off_accuracy", MetricKey.of("age", Metric.GROUP_ONE_OFF_ACCURACY), true));
    rows.add(new Row("gender_accuracy", MetricKey.of("gender", Metric.ACCURACY), true));
    rows.add(new Row("race_accuracy", MetricKey.of("race", Metric.ACCURACY), true));
    for (int k = 0; k <= TaskContext.CS_MAX_K; k++) {
      rows.add(new Row("age_cs_" + k, MetricKey.ofK("age", Metric.CS, k), true));
    }
    return rows;
  }

  private void print(AuditResult audit, int images, PrintWriter out) {
    out.printf(Locale.ROOT, "dmtl evaluate: %s split of %s, %d images, %,d face rows%n", split, data, images,
        audit.overall().n());
    for (Row row : rows()) {
      if (row.name().startsWith("age_cs_") && !List.of("age_cs_0", "age_cs_5", "age_cs_10", "age_cs_20")
          .contains(row.name())) {
        continue; // the full CS curve is in evaluation.json
      }
      audit.overall().metric(row.key()).ifPresent(m -> out.printf(Locale.ROOT, "  %-28s %s  (n = %,d)%n", row.name(),
          format(m, row.percent()), m.n()));
    }
  }

  private static String format(MetricResult m, boolean percent) {
    double scale = percent ? 100 : 1;
    String unit = percent ? " %" : "";
    if (Double.isNaN(m.estimate().lower())) {
      return String.format(Locale.ROOT, "%.2f%s", m.estimate().value() * scale, unit);
    }
    return String.format(Locale.ROOT, "%.2f%s [%.2f, %.2f]", m.estimate().value() * scale, unit,
        m.estimate().lower() * scale, m.estimate().upper() * scale);
  }
}
