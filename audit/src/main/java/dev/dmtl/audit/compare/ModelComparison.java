package dev.dmtl.audit.compare;

import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.PopulationBuilder;
import dev.dmtl.audit.attributes.AttributeFile;
import dev.dmtl.audit.attributes.AttributeFileException;
import dev.dmtl.audit.attributes.AttributeJoin;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.engine.GroupIndex;
import dev.dmtl.audit.engine.PairedAudit;
import dev.dmtl.audit.engine.Population;
import dev.dmtl.audit.engine.PopulationAudit;
import dev.dmtl.audit.input.FaceRows;
import dev.dmtl.audit.input.PredictionTable;
import dev.dmtl.audit.input.TaskColumns;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.ToolVersion;
import dev.dmtl.contract.model.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a candidate model with a baseline over the faces both were run on:
 *
 * <pre>{@code
 * ComparisonResult r =
 *     new ModelComparison(AuditOptions.defaults(), List.of(), Clock.systemUTC())
 *         .compare(List.of(baselineParquet), List.of(candidateParquet));
 * }</pre>
 *
 * Both sides are audited with the same options over the same faces, groups and images, and the
 * bootstrap is paired ({@link PairedAudit}). Only labelled comparisons: the groups are those of the
 * true labels, identical for both models.
 */
public final class ModelComparison {

  private final AuditOptions options;
  private final List<DeltaRule> rules;
  private final Clock clock;

  /**
   * @param options the audit options both sides are audited with (with its attribute file, if any);
   *     its own fail rules and mode are not used
   * @param rules the regression gates to check
   */
  public ModelComparison(AuditOptions options, List<DeltaRule> rules, Clock clock) {
    this.options = options;
    this.rules = List.copyOf(rules);
    this.clock = clock;
  }

  /**
   * @param baseline the baseline model's prediction files
   * @param candidate the candidate's
   * @throws ComparisonRefusedException when the two sets cannot be compared (no face in common,
   *     different tasks or truth, no labels)
   * @throws IllegalArgumentException when a rule matches no change, or the options do not fit
   */
  public ComparisonResult compare(List<Path> baseline, List<Path> candidate)
      throws IOException, ComparisonRefusedException {
    Shared shared = share(baseline, candidate);
    PopulationBuilder builder = new PopulationBuilder(options);
    List<AuditedTask> tasks = new ArrayList<>();
    for (TaskColumns t : shared.faces().baseline().tasks()) {
      tasks.add(
          new AuditedTask(Auditor.declared(shared.declaredTasks(), t.task()), builder.classes(t)));
    }
    Population pb = population(builder, shared.faces().baseline(), shared.attributes());
    Population pc = population(builder, shared.faces().candidate(), shared.attributes());
    // the face rows live on in the populations' arrays; the rows themselves are not needed again
    shared = shared.withoutFaces();
    PopulationAudit.Settings settings =
        new PopulationAudit.Settings(
            options.minGroupSize(),
            options.resamples(),
            options.seed(),
            options.confidenceLevel(),
            options.threads(),
            options.references());
    PairedAudit.Outcome outcome = PairedAudit.run(pb, pc, settings);

    List<MetricDelta> metrics = new ArrayList<>();
    for (PairedAudit.MetricChange m : outcome.metrics()) {
      metrics.add(
          new MetricDelta(
              m.group(),
              m.key(),
              m.nBaseline(),
              m.nCandidate(),
              m.baseline(),
              m.candidate(),
              m.delta(),
              Verdict.of(
                  m.delta().lower(),
                  m.delta().upper(),
                  MetricDelta.higherIsBetter(m.key().metric().direction()))));
    }
    List<GapDelta> gaps = new ArrayList<>();
    for (PairedAudit.GapChange g : outcome.gaps()) {
      gaps.add(
          new GapDelta(
              g.grouping(),
              g.task(),
              g.metric(),
              g.kind(),
              g.baseline(),
              g.candidate(),
              g.delta(),
              Verdict.of(g.delta().lower(), g.delta().upper(), GapDelta.higherIsBetter(g.kind()))));
    }
    List<DeltaRule.Outcome> outcomes = new ArrayList<>();
    for (DeltaRule rule : rules) {
      outcomes.addAll(rule.evaluate(metrics, gaps));
    }
    return new ComparisonResult(
        ToolVersion.version(),
        clock.instant(),
        shared.baselineFiles(),
        shared.candidateFiles(),
        shared.baselineModel(),
        shared.candidateModel(),
        options,
        shared.overlap(),
        tasks,
        metrics,
        gaps,
        outcomes,
        shared.warnings());
  }

  /**
   * What the comparison keeps of the two prediction sets: the paired faces and what the result
   * records of the files. The Tablesaw tables they were read into are not kept, so that they can be
   * collected before the bootstrap, the comparison's longest and most memory-hungry part.
   *
   * @param faces the paired faces, null once the populations are built
   * @param declaredTasks the tasks as the baseline's model declares them (kind, readout, label
   *     map), which the audited task keeps
   */
  private record Shared(
      PairedFaces faces,
      List<TaskSpec> declaredTasks,
      AttributeJoin.Joined attributes,
      Overlap overlap,
      List<InputFile> baselineFiles,
      List<InputFile> candidateFiles,
      String baselineModel,
      String candidateModel,
      List<String> warnings) {

    Shared withoutFaces() {
      return new Shared(
          null,
          declaredTasks,
          null,
          overlap,
          baselineFiles,
          candidateFiles,
          baselineModel,
          candidateModel,
          warnings);
    }
  }

  private Shared share(List<Path> baseline, List<Path> candidate)
      throws IOException, ComparisonRefusedException {
    PredictionTable tb = PredictionTable.read(baseline);
    PredictionTable tc = PredictionTable.read(candidate);
    List<String> warnings = new ArrayList<>();
    warnings.addAll(tb.warnings());
    warnings.addAll(tc.warnings());
    PairedFaces faces =
        PairedFaces.join(tb, tc, options.labelSource(), options.calibrationBins(), warnings);
    if (faces.baseline().tasks().stream().allMatch(t -> t.labelled() == 0)) {
      throw new ComparisonRefusedException(
          "no shared face has a label: compare needs ground truth (label_* columns, or --labels"
              + " utkface-names)");
    }
    return new Shared(
        faces,
        tb.tasks(),
        attributes(faces.baseline(), tb),
        faces.overlap(),
        files(tb),
        files(tc),
        tb.modelSha256().orElse(null),
        tc.modelSha256().orElse(null),
        warnings);
  }

  /**
   * @param joined the attribute file joined to the shared faces, or null
   */
  private static Population population(
      PopulationBuilder builder, FaceRows faces, AttributeJoin.Joined joined) {
    GroupIndex index = builder.index(faces, true, joined);
    return builder.faces(
        faces, index, AuditMode.LABELLED, joined == null ? new int[0][] : joined.codes());
  }

  /**
   * The attribute file of the options joined to the shared faces (one set of codes for both models:
   * they are the same faces), or null without one. Quantile bins are cut over the shared faces.
   */
  private AttributeJoin.Joined attributes(FaceRows faces, PredictionTable table)
      throws IOException, ComparisonRefusedException {
    if (options.attributes() == null) {
      return null;
    }
    try {
      AttributeFile file =
          AttributeFile.read(
              Path.of(options.attributes().file()),
              options.attributes().bins(),
              table.tasks().stream().map(TaskSpec::name).toList());
      return AttributeJoin.join(
          file, options.attributes().bins(), faces.relativePath(), faces.imageSha256());
    } catch (AttributeFileException e) {
      throw new ComparisonRefusedException(e.getMessage());
    }
  }

  private static List<InputFile> files(PredictionTable table) throws IOException {
    List<InputFile> out = new ArrayList<>();
    Map<Path, String> runIds = table.runIds();
    for (Map.Entry<Path, Long> e : table.rowsPerFile().entrySet()) {
      out.add(
          new InputFile(
              e.getKey().toString(),
              ContentHash.sha256Hex(e.getKey()),
              InputFile.Kind.PREDICTIONS,
              e.getValue(),
              runIds.get(e.getKey())));
    }
    return out;
  }
}
