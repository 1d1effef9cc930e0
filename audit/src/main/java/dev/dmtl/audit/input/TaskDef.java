package dev.dmtl.audit.input;

import dev.dmtl.contract.model.TaskKind;
import java.util.List;
import java.util.Objects;

/**
 * A task as the prediction files describe it.
 *
 * @param name task name; its columns are named by {@link dev.dmtl.contract.rows.PredictionColumns}
 * @param kind ordinal or nominal
 * @param labels nominal: class labels in model order; ordinal: empty
 * @param ranks ordinal: the model's ranks when known (footer), else empty; nominal: empty
 */
public record TaskDef(String name, TaskKind kind, List<String> labels, List<Integer> ranks) {

  public TaskDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    labels = List.copyOf(labels);
    ranks = List.copyOf(ranks);
    if (kind == TaskKind.NOMINAL && labels.isEmpty()) {
      throw new IllegalArgumentException("nominal task '" + name + "' has no labels");
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("task '" + name + "' has duplicate labels " + labels);
    }
  }
}
