package dev.dmtl.audit.result;

import java.util.List;
import java.util.Objects;

/**
 * A sensitive attribute that groups are formed by. There is one per task: the nominal label itself,
 * or the age bin of the ordinal task.
 *
 * @param name attribute name (the task name), as used in group ids
 * @param task the task it derives from
 * @param source truth (labelled) or prediction (label-free)
 * @param values its values, in order (class labels or age-bin labels)
 */
public record Attribute(String name, String task, AttributeSource source, List<String> values) {

  public Attribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(source, "source");
    values = List.copyOf(values);
  }
}
