package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * A sensitive attribute that groups are formed by: one per task (the nominal label itself, or the
 * age bin of the ordinal task), then one per column of the attribute file.
 *
 * @param name attribute name (the task name, or the file's column), as used in group ids
 * @param task the task it derives from; null for a file attribute
 * @param source truth (labelled), prediction (label-free) or file
 * @param values its values, in order (class labels, age-bin labels, the file's values or bins;
 *     {@code unknown} last where inputs have no value)
 * @param bins for a binned numeric file column its {@code --bins} rule, else null
 * @param cuts the cut points used for it (quantiles as computed from the audited inputs), else
 *     empty
 * @param unknown file attribute: inputs without a value (no row in the file, or an empty cell)
 */
@JsonPropertyOrder({"name", "task", "source", "values", "bins", "cuts", "unknown"})
public record Attribute(
    String name,
    String task,
    AttributeSource source,
    List<String> values,
    String bins,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> cuts,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long unknown) {

  public Attribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    if ((task == null) != (source == AttributeSource.FILE)) {
      throw new IllegalArgumentException(
          "attribute " + name + ": a task attribute names its task, a file attribute none");
    }
    values = List.copyOf(values);
    cuts = List.copyOf(cuts == null ? List.of() : cuts);
  }

  /** A task's attribute. */
  public static Attribute ofTask(String task, AttributeSource source, List<String> values) {
    return new Attribute(task, task, source, values, null, List.of(), 0);
  }
}
