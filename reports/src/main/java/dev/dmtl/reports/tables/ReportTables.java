package dev.dmtl.reports.tables;

import dev.dmtl.audit.examples.WorstError;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.DeadLetterReason;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.input.Example;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.model.ModelProvenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every table of one report, built once. The CSV files are these tables; the HTML report shows the
 * same strings.
 *
 * @param summary headline metrics overall
 * @param coverage inputs, predictions and dead letters per group
 * @param deadLetters dead letters by stage and error class, or null when the audit read no
 *     dead-letter file
 * @param confusion every confusion matrix cell
 * @param groupMetrics every metric of every group
 * @param gaps every gap
 * @param errorRates Aequitas' rates per class and group, or null when the audit has none
 * @param calibration the calibration metrics per task and group, or null when the audit has none
 * @param reliability the reliability diagrams' bins, or null when the audit has none
 * @param attributes the attributes groups are formed by, and the attribute file's join
 * @param rules every fail-rule check
 * @param inputs the files the audit read
 * @param provenance key/value provenance
 * @param modelTasks the model's tasks and task weights, or null without a model
 * @param trainingHistory the model's training history, or null when it carries none
 * @param examples the worst-error examples, or null when not asked for
 * @param changes every change against a baseline, or null when the report has no comparison
 * @param saliency the shares of attention per task, group and answers, or null when the audit has
 *     no saliency section
 */
public record ReportTables(
    CsvTable summary,
    CsvTable coverage,
    CsvTable deadLetters,
    CsvTable confusion,
    CsvTable groupMetrics,
    CsvTable gaps,
    CsvTable errorRates,
    CsvTable calibration,
    CsvTable reliability,
    CsvTable attributes,
    CsvTable rules,
    CsvTable inputs,
    CsvTable provenance,
    CsvTable modelTasks,
    CsvTable trainingHistory,
    CsvTable examples,
    CsvTable changes,
    CsvTable saliency) {

  public static final List<String> DEAD_LETTERS =
      List.of("stage", "error_class", "inputs", "example_message");

  public static final List<String> EXAMPLES =
      List.of(
          "task",
          "rank",
          "source",
          "entry",
          "face_index",
          "truth",
          "prediction",
          "error_years",
          "confidence",
          "image");

  public static ReportTables build(ReportInput in) {
    ModelProvenance provenance = in.modelProvenance();
    return new ReportTables(
        AuditTables.summary(in.audit()),
        AuditTables.coverage(in.audit()),
        deadLetters(in.audit()),
        AuditTables.confusion(in.audit()),
        AuditTables.groupMetrics(in.audit()),
        AuditTables.gaps(in.audit()),
        ErrorRateTable.build(in.audit()),
        CalibrationTables.calibration(in.audit()),
        CalibrationTables.reliability(in.audit()),
        AttributeTable.build(in.audit()),
        AuditTables.rules(in.audit()),
        AuditTables.inputs(in.audit()),
        ProvenanceTable.build(in),
        in.modelFile().map(m -> ModelTables.tasks(m.contract())).orElse(null),
        provenance.hasHistory() ? ModelTables.history(provenance) : null,
        in.run().examplesRequested() > 0 ? examples(in.examples()) : null,
        ChangesTable.build(in.changes()),
        SaliencyTable.build(in.audit()));
  }

  /** The tables that exist, in a stable order (the CSV files written). */
  public List<CsvTable> all() {
    List<CsvTable> out = new ArrayList<>();
    for (CsvTable t :
        new CsvTable[] {
          summary,
          coverage,
          deadLetters,
          confusion,
          groupMetrics,
          gaps,
          errorRates,
          calibration,
          reliability,
          attributes,
          rules,
          inputs,
          provenance,
          modelTasks,
          trainingHistory,
          examples,
          changes,
          saliency
        }) {
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@code changes.csv}, when the report has a comparison. */
  public Optional<CsvTable> changesTable() {
    return Optional.ofNullable(changes);
  }

  public Optional<CsvTable> errorRateTable() {
    return Optional.ofNullable(errorRates);
  }

  public Optional<CsvTable> calibrationTable() {
    return Optional.ofNullable(calibration);
  }

  public Optional<CsvTable> deadLetterTable() {
    return Optional.ofNullable(deadLetters);
  }

  /**
   * The dead letters by reason, or null when the audit read no dead-letter file (then stages only).
   */
  static CsvTable deadLetters(AuditResult audit) {
    if (audit.provenance().inputs().stream()
        .noneMatch(f -> f.kind() == InputFile.Kind.DEAD_LETTERS)) {
      return null;
    }
    CsvTable.Builder t = CsvTable.builder("dead_letters", DEAD_LETTERS);
    for (DeadLetterReason r : audit.deadLetterReasons()) {
      t.row(
          r.stage().name().toLowerCase(java.util.Locale.ROOT),
          r.errorClass(),
          NumberStyle.count(r.count()),
          r.example());
    }
    return t.build();
  }

  static CsvTable examples(List<Example> examples) {
    CsvTable.Builder t = CsvTable.builder("examples", EXAMPLES);
    for (Example x : examples) {
      WorstError e = x.error();
      t.row(
          e.task(),
          Integer.toString(e.rank()),
          e.ref().source(),
          e.ref().entry(),
          Integer.toString(e.ref().faceIndex()),
          e.truth(),
          e.prediction(),
          NumberStyle.YEARS.format(e.errorYears()),
          NumberStyle.PROPORTION.format(e.confidence()),
          x.crop().available() ? "embedded" : x.crop().problem());
    }
    return t.build();
  }
}
