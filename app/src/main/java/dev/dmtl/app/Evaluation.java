package dev.dmtl.app;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InferJob;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code dmtl evaluate}: the paper's metrics for a model on a split of a UTKFace-style folder. It
 * is an inference run (the pipeline's decoding and output decoding, not a copy) followed by a
 * labelled audit (the audit's metrics and bootstrap intervals), reduced to the paper's table.
 */
public final class Evaluation {

  /**
   * The evaluation's file name in its folder: what {@code dmtl export --held-out-metrics} embeds.
   */
  public static final String FILE = "evaluation.json";

  /**
   * @param data the UTKFace-style folder (labels from the file names)
   * @param split the split to evaluate, or null for every image
   * @param infer the inference run: the split's files are listed into its {@code inputList()}, its
   *     output is the predictions folder
   * @param audit the labelled audit's options
   * @param outDir where {@value #FILE} and the audit go
   */
  public record Request(
      Path data, DataSplit split, InferRequest infer, AuditOptions audit, Path outDir) {
    public Request {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(infer, "infer");
      Objects.requireNonNull(infer.inputList(), "the inference run's input list");
      Objects.requireNonNull(audit, "audit");
      Objects.requireNonNull(outDir, "outDir");
    }
  }

  /**
   * One metric with its bootstrap interval.
   *
   * @param value the point estimate
   * @param lower the interval's lower bound (absent when the bootstrap is off)
   * @param upper its upper bound
   * @param n rows behind the value
   */
  public record Value(double value, double lower, double upper, long n) {}

  /**
   * {@value #FILE}: what was evaluated, and the paper's metrics by name ({@code age_mae}, {@code
   * gender_accuracy}, {@code age_cs_5}, …) at the top level.
   */
  @JsonPropertyOrder({
    "data",
    "split",
    "images",
    "dead_letters",
    "age_bins",
    "age_prediction",
    "confidence_level",
    "bootstrap_resamples"
  })
  public record Report(
      String data,
      String split,
      int images,
      long deadLetters,
      String ageBins,
      String agePrediction,
      double confidenceLevel,
      int bootstrapResamples,
      @JsonIgnore Map<String, Value> metrics) {
    public Report {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The metrics, written as top-level fields after the description. */
    @JsonAnyGetter
    Map<String, Value> metricFields() {
      return metrics;
    }
  }

  /** The description part of {@value #FILE}, for reading it back. */
  private record Header(
      String data,
      String split,
      int images,
      long deadLetters,
      String ageBins,
      String agePrediction,
      double confidenceLevel,
      int bootstrapResamples) {}

  /**
   * Reads an evaluation back (e.g. the held-out metrics a model carries): the description and every
   * metric of {@link #rows()} that it has.
   *
   * @throws IllegalArgumentException when it is not an evaluation
   */
  public static Report read(JsonNode json, String what) {
    Header h = DmtlJson.read(json, Header.class, what);
    Map<String, Value> metrics = new LinkedHashMap<>();
    for (Row row : rows()) {
      if (json.has(row.name())) {
        metrics.put(
            row.name(), DmtlJson.read(json.get(row.name()), Value.class, what + "." + row.name()));
      }
    }
    return new Report(
        h.data(),
        h.split(),
        h.images(),
        h.deadLetters(),
        h.ageBins(),
        h.agePrediction(),
        h.confidenceLevel(),
        h.bootstrapResamples(),
        metrics);
  }

  /**
   * @param report the numbers, as written
   * @param file where they were written
   * @param inference the inference run
   * @param audit the full audit
   */
  public record Outcome(Report report, Path file, RunResult inference, AuditStep.Outcome audit) {}

  /** A metric of the paper's table: its name in {@value #FILE} and its audit key. */
  public record Row(String name, MetricKey key, boolean percent) {}

  /**
   * The paper's table, in order: age MAE and MSE, age-group accuracies, gender and race accuracy,
   * CS(0..20).
   */
  public static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("age_mae", MetricKey.of("age", Metric.MAE), false));
    rows.add(new Row("age_mse", MetricKey.of("age", Metric.MSE), false));
    rows.add(new Row("age_group_accuracy", MetricKey.of("age", Metric.GROUP_ACCURACY), true));
    rows.add(
        new Row(
            "age_group_one_off_accuracy",
            MetricKey.of("age", Metric.GROUP_ONE_OFF_ACCURACY),
            true));
    rows.add(new Row("gender_accuracy", MetricKey.of("gender", Metric.ACCURACY), true));
    rows.add(new Row("race_accuracy", MetricKey.of("race", Metric.ACCURACY), true));
    for (int k = 0; k <= TaskContext.CS_MAX_K; k++) {
      rows.add(new Row("age_cs_" + k, MetricKey.ofK("age", Metric.CS, k), true));
    }
    return rows;
  }

  private final Clock clock;

  public Evaluation(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws NoSuchFileException when the data folder does not exist
   * @throws InvalidRunException when the split has no image, or the inference run's inputs, output
   *     or model are unusable
   */
  public Outcome run(Request request, Progress progress)
      throws IOException,
          InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          BadInputException {
    List<String> files = splitFiles(request.data(), request.split());
    if (files.isEmpty()) {
      throw new InvalidRunException(
          "no images of the " + splitName(request.split()) + " split in " + request.data());
    }
    Files.createDirectories(request.outDir());
    Files.write(Path.of(request.infer().inputList()), files);
    InferJob.PreparedRun prepared = InferJob.prepare(request.infer());
    RunResult inferred;
    try (Progress.Display shown = progress.open("dmtl evaluate", request.infer().runId())) {
      inferred = prepared.execute();
    }
    AuditResult audit = new Auditor(request.audit(), clock).audit(discover(inferred));
    AuditStep.Outcome written =
        AuditStep.write(audit, request.outDir().resolve(MainJob.AUDIT_DIR), true);
    Report report =
        report(request, files.size(), inferred.manifest().counts().deadLetters(), audit);
    Path file = request.outDir().resolve(FILE);
    Files.write(file, DmtlJson.pretty(report));
    return new Outcome(report, file, inferred, written);
  }

  private static AuditInputs discover(RunResult inferred) throws BadInputException {
    try {
      return AuditInputs.discover(List.of(Path.of(inferred.outputDir())));
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException(
          "the evaluation's own predictions cannot be read: " + e.getMessage(), e);
    }
  }

  private static Report report(Request request, int images, long deadLetters, AuditResult audit) {
    Map<String, Value> metrics = new LinkedHashMap<>();
    for (Row row : rows()) {
      audit
          .overall()
          .metric(row.key())
          .ifPresent(
              m ->
                  metrics.put(
                      row.name(),
                      new Value(
                          m.estimate().value(),
                          m.estimate().lower(),
                          m.estimate().upper(),
                          m.n())));
    }
    AuditOptions o = request.audit();
    return new Report(
        request.data().toAbsolutePath().toString(),
        splitName(request.split()),
        images,
        deadLetters,
        o.ageBins().name(),
        o.agePrediction().jsonName(),
        o.confidenceLevel(),
        o.resamples(),
        metrics);
  }

  private static String splitName(DataSplit split) {
    return split == null ? "all" : split.name().toLowerCase(Locale.ROOT);
  }

  private static List<String> splitFiles(Path data, DataSplit wanted) throws IOException {
    if (!Files.isDirectory(data)) {
      throw new NoSuchFileException(data.toString(), null, "evaluation data folder not found");
    }
    try (Stream<Path> list = Files.list(data)) {
      return list.filter(Files::isRegularFile)
          .filter(p -> wanted == null || DataSplit.of(p.getFileName().toString()) == wanted)
          .map(p -> p.toAbsolutePath().toString())
          .sorted()
          .toList();
    }
  }
}
