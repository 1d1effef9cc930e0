package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The confusion matrix of one task inside one group: rows are true classes (age bins for the age
 * task), columns predicted ones, in {@code classes} order. Counts are raw facts, so they are listed
 * even when the group is insufficient (flagged). Matrices are given for the overall group and for
 * every group of every grouping that does not contain the task's own attribute: race confusion
 * among women aged 0–2, gender confusion among black people aged 70+, and so on.
 *
 * @param group the group
 * @param task the task
 * @param classes class labels (or age-bin labels), row and column order
 * @param counts counts[true][predicted] (copied; read with {@link #count})
 * @param insufficient true when the total is below the minimum group size
 */
@JsonPropertyOrder({"group", "task", "classes", "counts", "n", "insufficient"})
public record ConfusionMatrix(
    GroupKey group, String task, List<String> classes, long[][] counts, boolean insufficient) {

  public ConfusionMatrix {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(task, "task");
    classes = List.copyOf(classes);
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i].length != classes.size()) {
        throw new IllegalArgumentException(
            "confusion row "
                + i
                + " has "
                + counts[i].length
                + " columns for "
                + classes.size()
                + " classes");
      }
      copy[i] = counts[i].clone();
    }
    if (copy.length != classes.size()) {
      throw new IllegalArgumentException(
          copy.length + " confusion rows for " + classes.size() + " classes");
    }
    counts = copy;
  }

  public long count(int trueClass, int predictedClass) {
    return counts[trueClass][predictedClass];
  }

  /** A copy of the counts. */
  @Override
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Total count (written for readers; ignored when read). */
  @JsonProperty(value = "n", access = JsonProperty.Access.READ_ONLY)
  public long n() {
    long n = 0;
    for (long[] row : counts) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m
        && group.equals(m.group)
        && task.equals(m.task)
        && classes.equals(m.classes)
        && Arrays.deepEquals(counts, m.counts)
        && insufficient == m.insufficient;
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, task, classes, Arrays.deepHashCode(counts), insufficient);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix["
        + group.id()
        + ", "
        + task
        + ", "
        + classes
        + ", "
        + Arrays.deepToString(counts)
        + "]";
  }
}
