package dev.dmtl.audit.input;

import dev.dmtl.audit.result.TaskSource;
import dev.dmtl.contract.model.SpecFile;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Which tasks a set of prediction files holds, and from which model. The run provenance in the
 * files' footer ({@link RunProvenance}) names the model and its tasks; every file must agree. When
 * the files carry none (written by another tool), every {@code <task>_pred} column is a task,
 * ordinal when {@code <task>_expected} exists or the prediction is an integer, nominal otherwise;
 * the labels of such a task come from the values seen ({@link PredictionTable}).
 *
 * @param shapes the tasks, in the footer's order (or the columns')
 * @param source where the task list came from
 * @param modelSha256 the model's SHA-256 from the footer, or null
 * @param modelSpec the spec the run applied to the model ({@code --spec}), from the footer, or null
 * @param warnings what the reader should know
 */
record TaskDiscovery(
    List<TaskShape> shapes,
    TaskSource source,
    String modelSha256,
    SpecFile modelSpec,
    List<String> warnings) {

  /**
   * A task as discovered: declared by the footer, or only a name and a kind from the columns.
   *
   * @param declared the footer's descriptor, or null
   */
  record TaskShape(String name, TaskKind kind, TaskSpec declared) {}

  TaskDiscovery {
    shapes = List.copyOf(shapes);
    warnings = List.copyOf(warnings);
  }

  /**
   * @throws IllegalArgumentException when the files disagree on model or tasks, a footer is not a
   *     run provenance, or there is no task at all
   */
  static TaskDiscovery of(List<ParquetFile> files) {
    List<String> warnings = new ArrayList<>();
    Optional<RunProvenance> run = agreeingProvenance(files);
    ParquetFile first = files.get(0);
    List<TaskShape> shapes = new ArrayList<>();
    TaskSource source;
    if (run.isPresent()) {
      source = TaskSource.FOOTER;
      for (TaskSpec t : run.get().model().contract().tasks()) {
        if (!first.hasColumn(PredictionColumns.predicted(t.name()))) {
          warnings.add(
              "the footer declares task '"
                  + t.name()
                  + "' but there is no column "
                  + PredictionColumns.predicted(t.name())
                  + ": task skipped");
          continue;
        }
        shapes.add(new TaskShape(t.name(), t.kind(), t));
      }
    } else {
      source = TaskSource.COLUMNS;
      shapes = fromColumns(first);
      warnings.add(
          "no run provenance in the footer key "
              + RunProvenance.FOOTER_KEY
              + ": tasks and labels were inferred from the columns");
    }
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException(
          first.path() + " has no <task>_pred column: is it a prediction file?");
    }
    for (ParquetFile f : files) {
      for (TaskShape s : shapes) {
        if (!f.hasColumn(PredictionColumns.predicted(s.name()))) {
          throw new IllegalArgumentException(
              f.path()
                  + " has no column "
                  + PredictionColumns.predicted(s.name())
                  + ", which "
                  + first.path()
                  + " has: the files come from different models");
        }
      }
    }
    return new TaskDiscovery(
        shapes,
        source,
        run.map(r -> r.model().sha256()).orElse(null),
        run.map(r -> r.model().spec()).orElse(null),
        warnings);
  }

  private static Optional<RunProvenance> agreeingProvenance(List<ParquetFile> files) {
    Optional<RunProvenance> first = null;
    Path firstPath = null;
    for (ParquetFile f : files) {
      Optional<RunProvenance> p = f.runProvenance();
      if (first == null) {
        first = p;
        firstPath = f.path();
        continue;
      }
      String a = first.map(r -> r.model().sha256()).orElse(null);
      String b = p.map(r -> r.model().sha256()).orElse(null);
      if (!Objects.equals(a, b)) {
        throw new IllegalArgumentException(
            "prediction files come from different models: "
                + firstPath
                + " has model "
                + a
                + ", "
                + f.path()
                + " has "
                + b);
      }
      if (!Objects.equals(
          first.map(r -> r.model().contract().tasks()), p.map(r -> r.model().contract().tasks()))) {
        throw new IllegalArgumentException(
            "prediction files declare different tasks: " + firstPath + " and " + f.path());
      }
    }
    return first;
  }

  private static List<TaskShape> fromColumns(ParquetFile f) {
    List<TaskShape> out = new ArrayList<>();
    String suffix = PredictionColumns.predicted("");
    for (String c : f.columnNames()) {
      if (!c.endsWith(suffix) || c.length() <= suffix.length()) {
        continue;
      }
      String task = c.substring(0, c.length() - suffix.length());
      PrimitiveType.PrimitiveTypeName type = f.primitiveType(c);
      boolean ordinal =
          f.hasColumn(PredictionColumns.expected(task))
              || type == PrimitiveType.PrimitiveTypeName.INT32
              || type == PrimitiveType.PrimitiveTypeName.INT64;
      out.add(new TaskShape(task, ordinal ? TaskKind.ORDINAL : TaskKind.NOMINAL, null));
    }
    return out;
  }
}
