package dev.dmtl.reports.input;

import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.reports.model.ModelProvenance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one report shows.
 *
 * @param audit the audit result (required)
 * @param model the model file, when given: its tasks, learned task weights and training record are
 *     shown; null otherwise
 * @param examples worst-error examples with their crops; empty unless asked for
 * @param run about the report itself
 * @param changes a comparison of the audited model (as candidate) against a baseline, read from
 *     {@code dmtl compare}'s {@code changes.json}: adds the "What changed" section and {@code
 *     changes.csv}; null otherwise
 */
public record ReportInput(
    AuditResult audit,
    ModelFile model,
    List<Example> examples,
    ReportRun run,
    ComparisonResult changes) {

  public ReportInput {
    Objects.requireNonNull(audit, "audit");
    examples = List.copyOf(examples == null ? List.of() : examples);
    Objects.requireNonNull(run, "run");
    if (!examples.isEmpty() && run.examplesRequested() == 0) {
      throw new IllegalArgumentException(
          "examples given but none requested: face images are opt-in");
    }
  }

  /** Without a comparison. */
  public ReportInput(AuditResult audit, ModelFile model, List<Example> examples, ReportRun run) {
    this(audit, model, examples, run, null);
  }

  /** A report of the audit alone. */
  public static ReportInput of(AuditResult audit, ReportRun run) {
    return new ReportInput(audit, null, List.of(), run);
  }

  /** The comparison against a baseline, when one was given. */
  public Optional<ComparisonResult> comparison() {
    return Optional.ofNullable(changes);
  }

  public Optional<ModelFile> modelFile() {
    return Optional.ofNullable(model);
  }

  /**
   * The model's training record; {@link ModelProvenance#NONE} without a model or without one in it.
   */
  public ModelProvenance modelProvenance() {
    if (model == null) {
      return ModelProvenance.NONE;
    }
    return ModelProvenance.of(
        model.contract().provenance(),
        model.contract().tasks().stream().map(t -> t.name()).toList());
  }

  public ReportInput withModel(ModelFile m) {
    return new ReportInput(audit, m, examples, run, changes);
  }

  public ReportInput withExamples(List<Example> e) {
    return new ReportInput(audit, model, e, run, changes);
  }

  public ReportInput withChanges(ComparisonResult c) {
    return new ReportInput(audit, model, examples, run, c);
  }
}
