package dev.dmtl.audit;

import dev.dmtl.audit.attributes.AttributeFile;
import dev.dmtl.audit.attributes.AttributeJoin;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.engine.GroupIndex;
import dev.dmtl.audit.engine.Population;
import dev.dmtl.audit.engine.PopulationAudit;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.input.DeadLetterTable;
import dev.dmtl.audit.input.FaceEncoder;
import dev.dmtl.audit.input.FaceRows;
import dev.dmtl.audit.input.InputRows;
import dev.dmtl.audit.input.InputTruth;
import dev.dmtl.audit.input.PredictionTable;
import dev.dmtl.audit.input.TaskColumns;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeFileSummary;
import dev.dmtl.audit.result.AttributeSource;
import dev.dmtl.audit.result.AuditProvenance;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.Coverage;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.rules.RuleEvaluator;
import dev.dmtl.audit.saliency.GroupSaliency;
import dev.dmtl.audit.significance.Significance;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.ToolVersion;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a fairness audit over prediction and dead-letter Parquet files:
 *
 * <pre>{@code
 * AuditResult result = new Auditor(AuditOptions.defaults()).audit(AuditInputs.discover(List.of(dir)));
 * }</pre>
 *
 * The rows are read into Tablesaw tables ({@code input}) and leave them as typed primitive arrays;
 * every metric, gap and bootstrap interval is computed over those arrays by the engine. The result
 * is typed ({@link AuditResult}) and holds its own provenance; rules in the options are checked and
 * their outcomes included.
 */
public final class Auditor {

  private final AuditOptions options;
  private final Clock clock;

  public Auditor(AuditOptions options) {
    this(options, Clock.systemUTC());
  }

  /** The task as the prediction files declare it, else as the audit saw it. */
  public static TaskSpec declared(PredictionTable table, TaskSpec seen) {
    return declared(table.tasks(), seen);
  }

  /** As {@link #declared(PredictionTable, TaskSpec)}, from the declared tasks themselves. */
  public static TaskSpec declared(List<TaskSpec> declared, TaskSpec seen) {
    return declared.stream().filter(d -> d.name().equals(seen.name())).findFirst().orElse(seen);
  }

  /** With a fixed clock, for reproducible {@code created_at} in tests and golden files. */
  public Auditor(AuditOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /**
   * Audits the files.
   *
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException when the inputs or options do not fit (no labels in a labelled
   *     audit, unknown reference group, a rule that matches nothing, …); the message says what to
   *     change
   */
  public AuditResult audit(AuditInputs inputs) throws IOException {
    Instant started = clock.instant();
    // hashing large inputs takes seconds; it runs on another core while the files are parsed
    Map<Path, CompletableFuture<String>> hashes = new LinkedHashMap<>();
    ExecutorService hasher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dmtl-audit-sha256");
              t.setDaemon(true);
              return t;
            });
    try {
      for (Path p : inputs.predictions()) {
        hashes.put(p, CompletableFuture.supplyAsync(() -> sha256(p), hasher));
      }
      for (Path p : inputs.deadLetters()) {
        hashes.put(p, CompletableFuture.supplyAsync(() -> sha256(p), hasher));
      }
      return audit(inputs, started, hashes);
    } finally {
      hasher.shutdownNow();
    }
  }

  private static String sha256(Path p) {
    try {
      return ContentHash.sha256Hex(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + p + ": " + e.getMessage(), e);
    }
  }

  private static String joined(Map<Path, CompletableFuture<String>> hashes, Path p)
      throws IOException {
    try {
      return hashes.get(p).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e;
    }
  }

  private AuditResult audit(
      AuditInputs inputs, Instant started, Map<Path, CompletableFuture<String>> hashes)
      throws IOException {
    PredictionTable predictions = PredictionTable.read(inputs.predictions());
    DeadLetterTable deadLetters =
        inputs.deadLetters().isEmpty()
            ? DeadLetterTable.empty(predictions.tasks())
            : DeadLetterTable.read(inputs.deadLetters(), predictions.tasks());
    List<String> warnings = new ArrayList<>(predictions.warnings());
    int[] keep = FaceEncoder.rows(predictions, options.labelSource(), warnings);
    FaceRows faces =
        FaceEncoder.encodeRows(
            predictions, options.labelSource(), options.calibrationBins(), warnings, keep);
    AuditMode mode = mode(faces, warnings);
    InputRows inputRows = deadLetters.coverageInputs(faces, options.labelSource(), warnings);

    AttributeFile file = null;
    AttributeJoin.Joined joined = null;
    if (options.attributes() != null) {
      file =
          AttributeFile.read(
              Path.of(options.attributes().file()),
              options.attributes().bins(),
              predictions.tasks().stream().map(TaskSpec::name).toList());
      joined =
          AttributeJoin.join(
              file, options.attributes().bins(), inputRows.relativePath(), inputRows.imageSha256());
    }
    int[][] inputCodes = joined == null ? new int[0][] : joined.codes();
    int[][] faceCodes = faceCodes(faces, inputRows, inputCodes);

    PopulationBuilder builder = new PopulationBuilder(options);
    GroupIndex index = builder.index(faces, true, joined);
    Population facePopulation = builder.faces(faces, index, mode, faceCodes);
    PopulationAudit.Settings settings =
        new PopulationAudit.Settings(
            options.minGroupSize(),
            options.resamples(),
            options.seed(),
            options.confidenceLevel(),
            options.threads(),
            options.references());
    PopulationAudit.Outcome outcome = PopulationAudit.run(facePopulation, settings);
    Saliency saliency =
        GroupSaliency.compute(
                predictions,
                keep,
                faces,
                facePopulation,
                mode == AuditMode.LABELLED,
                options.minGroupSize())
            .orElse(null);

    GroupIndex coverageIndex = builder.index(faces, inputRows.labelled(), joined);
    Population coveragePopulation = builder.coverage(inputRows, coverageIndex, inputCodes);
    PopulationAudit.Outcome coverageOutcome =
        PopulationAudit.run(coveragePopulation, coverageSettings(settings, coverageIndex));
    Coverage coverage = coverage(inputRows, coveragePopulation, coverageOutcome);

    List<GapResult> gaps = new ArrayList<>(outcome.gaps());
    gaps.addAll(coverageOutcome.gaps());
    Significance.Applied significance =
        Significance.apply(
            outcome.groups(),
            coverage.rows(),
            gaps,
            options.correction(),
            // 1 − 0.95 is 0.050000000000000044 in binary: the level as people write it
            BigDecimal.ONE.subtract(BigDecimal.valueOf(options.confidenceLevel())).doubleValue());
    coverage =
        new Coverage(coverage.perGroup(), coverage.unlabelledInputs(), significance.coverage());

    List<AuditedTask> tasks = new ArrayList<>();
    List<Attribute> attributes = new ArrayList<>();
    AttributeSource source =
        mode == AuditMode.LABELLED ? AttributeSource.TRUTH : AttributeSource.PREDICTION;
    for (TaskColumns t : faces.tasks()) {
      List<String> classes = builder.classes(t);
      // the task as declared (its label map included), classes as compared
      tasks.add(new AuditedTask(declared(predictions, t.task()), classes));
      attributes.add(Attribute.ofTask(t.task().name(), source, classes));
    }
    AttributeFileSummary fileSummary = null;
    if (joined != null) {
      for (AttributeJoin.Column c : joined.columns()) {
        attributes.add(
            new Attribute(
                c.name(),
                null,
                AttributeSource.FILE,
                c.values(),
                c.rule() == null ? null : c.rule().spec(),
                c.cuts(),
                c.unknown()));
      }
      fileSummary =
          new AttributeFileSummary(
              options.attributes().file(),
              file.sha256(),
              file.key().column(),
              file.rows(),
              inputRows.n(),
              joined.inputsWithoutRow(),
              joined.rowsWithoutInput());
      if (joined.inputsWithoutRow() > 0) {
        warnings.add(
            joined.inputsWithoutRow()
                + " of "
                + inputRows.n()
                + " inputs have no row in "
                + options.attributes().file()
                + ": their attributes are 'unknown'");
      }
      if (joined.rowsWithoutInput() > 0) {
        warnings.add(
            joined.rowsWithoutInput()
                + " rows of "
                + options.attributes().file()
                + " match no audited input (by "
                + file.key().column()
                + ")");
      }
    }

    List<InputFile> files = new ArrayList<>();
    Map<Path, String> runIds = predictions.runIds();
    for (Map.Entry<Path, Long> e : predictions.rowsPerFile().entrySet()) {
      files.add(
          new InputFile(
              e.getKey().toString(),
              joined(hashes, e.getKey()),
              InputFile.Kind.PREDICTIONS,
              e.getValue(),
              runIds.get(e.getKey())));
    }
    for (Map.Entry<Path, Long> e : deadLetters.rowsPerFile().entrySet()) {
      files.add(
          new InputFile(
              e.getKey().toString(),
              joined(hashes, e.getKey()),
              InputFile.Kind.DEAD_LETTERS,
              e.getValue()));
    }
    if (file != null) {
      files.add(
          new InputFile(
              options.attributes().file(), file.sha256(), InputFile.Kind.ATTRIBUTES, file.rows()));
    }
    AuditProvenance provenance =
        new AuditProvenance(
            ToolVersion.version(),
            started,
            files,
            predictions.modelSha256().orElse(null),
            predictions.taskSource(),
            options,
            predictions.modelSpec().orElse(null));

    AuditResult result =
        new AuditResult(
            AuditResult.SCHEMA_VERSION,
            mode,
            mode == AuditMode.LABEL_FREE ? AuditResult.LABEL_FREE_NOTICE : null,
            provenance,
            tasks,
            attributes,
            fileSummary,
            index.groupings(),
            significance.groups(),
            significance.gaps(),
            outcome.confusionMatrices(),
            outcome.reliability(),
            significance.summary(),
            coverage,
            deadLetters.reasons(),
            List.of(),
            warnings,
            saliency);
    return result.withRuleOutcomes(RuleEvaluator.evaluate(result, options.failRules()));
  }

  /** The coverage population's reference groups: those asked for that it has. */
  private static PopulationAudit.Settings coverageSettings(
      PopulationAudit.Settings settings, GroupIndex coverageIndex) {
    List<GroupKey> references =
        settings.references().stream()
            .filter(
                r ->
                    coverageIndex.groupings().stream()
                        .anyMatch(g -> g.sameAttributes(r.grouping())))
            .toList();
    return new PopulationAudit.Settings(
        settings.minGroupSize(),
        settings.resamples(),
        settings.seed(),
        settings.confidenceLevel(),
        settings.threads(),
        references);
  }

  /** Every face's file attributes: those of its input. */
  private static int[][] faceCodes(FaceRows faces, InputRows inputs, int[][] inputCodes) {
    if (inputCodes.length == 0) {
      return inputCodes;
    }
    Map<String, Integer> inputOf = new HashMap<>();
    for (int k = 0; k < inputs.n(); k++) {
      inputOf.put(inputs.address()[k], k);
    }
    int[][] out = new int[inputCodes.length][faces.n()];
    for (int j = 0; j < faces.n(); j++) {
      int k = inputOf.get(faces.address()[j]);
      for (int a = 0; a < inputCodes.length; a++) {
        out[a][j] = inputCodes[a][k];
      }
    }
    return out;
  }

  private AuditMode mode(FaceRows faces, List<String> warnings) {
    int labelledTasks = 0;
    for (TaskColumns t : faces.tasks()) {
      if (t.labelled() > 0) {
        labelledTasks++;
      } else {
        warnings.add("no row has a " + t.task().name() + " label");
      }
    }
    AuditMode forced = options.mode().forced();
    if (forced == AuditMode.LABELLED && labelledTasks == 0) {
      throw new IllegalArgumentException(
          "a labelled audit was asked for, but no row has a label: pass label columns, "
              + "use UTKFace names as labels (label source utkface-names), or run a label-free audit");
    }
    if (forced != null) {
      return forced;
    }
    if (labelledTasks == 0) {
      warnings.add(
          "no labels found: this is a label-free audit of the predicted mix, not an accuracy audit");
      return AuditMode.LABEL_FREE;
    }
    return AuditMode.LABELLED;
  }

  private static Coverage coverage(
      InputRows inputs, Population population, PopulationAudit.Outcome outcome) {
    GroupIndex index = population.index();
    int groups = index.groupCount();
    long[] covered = new long[groups];
    long[] noFace = new long[groups];
    long[] failed = new long[groups];
    List<Map<Stage, Long>> byStage = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      byStage.add(new EnumMap<>(Stage.class));
    }
    long unlabelled = 0;
    for (int i = 0; i < inputs.n(); i++) {
      if (inputs.labelled() && unlabelled(inputs, i)) {
        unlabelled++;
      }
      for (int g : index.groupsOfCell(population.cellOf(i))) {
        Stage s = inputs.stage()[i];
        if (s == null) {
          covered[g]++;
        } else {
          byStage.get(g).merge(s, 1L, Long::sum);
          if (s == Stage.NO_FACE) {
            noFace[g]++;
          } else {
            failed[g]++;
          }
        }
      }
    }
    List<CoverageRow> rows = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      GroupResult result = outcome.groups().get(g);
      MetricResult rate =
          result.metrics().stream()
              .filter(m -> m.key().metric() == Metric.COVERAGE)
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("coverage metric missing"));
      rows.add(
          new CoverageRow(
              result.key(), result.n(), covered[g], noFace[g], failed[g], byStage.get(g), rate));
    }
    return new Coverage(population.index().groupCount() > 1, unlabelled, rows);
  }

  /** An input with no truth for any task. */
  private static boolean unlabelled(InputRows inputs, int i) {
    for (InputTruth t : inputs.truth()) {
      boolean known = t.classIndex() != null ? t.classIndex()[i] >= 0 : !Double.isNaN(t.age()[i]);
      if (known) {
        return false;
      }
    }
    return true;
  }
}
