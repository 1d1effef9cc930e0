package dev.dmtl.audit.result;

import dev.dmtl.contract.model.TaskKind;
import java.util.List;
import java.util.Objects;

/**
 * A task as the audit saw it.
 *
 * @param name task name, e.g. {@code age}
 * @param kind ordinal or nominal
 * @param labels nominal: the class labels in model order; ordinal: empty
 * @param ranks ordinal: the model's ranks when the footer declared them, else empty; nominal: empty
 * @param classes the classes of this task's confusion matrices and per-class metrics: the labels
 *     (nominal) or the age-bin labels (ordinal)
 */
public record TaskInfo(String name, TaskKind kind, List<String> labels, List<Integer> ranks, List<String> classes) {

  public TaskInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    labels = List.copyOf(labels);
    ranks = List.copyOf(ranks);
    classes = List.copyOf(classes);
  }
}
