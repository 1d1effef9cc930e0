package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import java.util.List;
import java.util.Objects;

/**
 * A task as the audit saw it: the model's task descriptor and the classes its confusion matrices
 * and per-class metrics use.
 *
 * @param task the task as the prediction files declare it (from their footer, with its label map if
 *     any), or as the audit recognised it from their columns (then without output and, for ordinal
 *     tasks, without ranks)
 * @param classes the labels (nominal) or the age-bin labels (ordinal)
 */
public record AuditedTask(@JsonProperty(required = true) TaskSpec task, List<String> classes) {

  public AuditedTask {
    Objects.requireNonNull(task, "task");
    classes = List.copyOf(classes);
  }

  public String name() {
    return task.name();
  }

  public TaskKind kind() {
    return task.kind();
  }

  /**
   * Nominal: the class labels the audit compares, in model order (the ground truth's labels, in its
   * order, for a task with a label map); ordinal: empty.
   */
  public List<String> labels() {
    return task.groundTruthView().labels();
  }
}
