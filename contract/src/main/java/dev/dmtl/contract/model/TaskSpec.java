package dev.dmtl.contract.model;

import java.util.List;
import java.util.Objects;

/**
 * One task the model predicts.
 *
 * @param name task name, e.g. {@code age}; unique within a model
 * @param kind ordinal or nominal
 * @param output name of the ONNX graph output holding this task's logits
 * @param ranks for ordinal tasks the strictly increasing rank values r_1..r_K (empty for nominal)
 * @param labels for nominal tasks the C class labels in logit order (empty for ordinal)
 */
public record TaskSpec(String name, TaskKind kind, String output, List<Integer> ranks, List<String> labels) {

  /** Characters a nominal label must not contain. */
  public static final String RESERVED = ",=[]@";

  public TaskSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(output, "output");
    ranks = List.copyOf(ranks == null ? List.of() : ranks);
    labels = List.copyOf(labels == null ? List.of() : labels);
    if (name.isBlank()) {
      throw new IllegalArgumentException("task name is blank");
    }
    // task names and labels are parts of audit group ids (race=white,gender=male) and of the
    // --fail-on grammar (race.recall[black].gap@gender:lower>0.1): those characters must not occur
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("task name '" + name + "' may only use letters, digits, '_' and '-'");
    }
    for (String label : labels) {
      if (label.isBlank() || label.chars().anyMatch(c -> RESERVED.indexOf(c) >= 0 || Character.isISOControl(c))) {
        throw new IllegalArgumentException("label '" + label + "' of task '" + name + "' is blank or uses one of "
            + RESERVED + " (reserved for audit group ids and rules)");
      }
    }
    if (kind == TaskKind.ORDINAL) {
      if (ranks.size() < 2) {
        throw new IllegalArgumentException("ordinal task '" + name + "' needs at least 2 ranks, has " + ranks.size());
      }
      for (int i = 1; i < ranks.size(); i++) {
        if (ranks.get(i) <= ranks.get(i - 1)) {
          throw new IllegalArgumentException("ordinal task '" + name + "': ranks must be strictly increasing, "
              + ranks.get(i - 1) + " is followed by " + ranks.get(i));
        }
      }
    } else {
      if (labels.size() < 2) {
        throw new IllegalArgumentException("nominal task '" + name + "' needs at least 2 labels, has " + labels.size());
      }
      if (labels.stream().distinct().count() != labels.size()) {
        throw new IllegalArgumentException("nominal task '" + name + "' has duplicate labels " + labels);
      }
    }
  }

  public static TaskSpec ordinal(String name, String output, List<Integer> ranks) {
    return new TaskSpec(name, TaskKind.ORDINAL, output, ranks, List.of());
  }

  public static TaskSpec nominal(String name, String output, List<String> labels) {
    return new TaskSpec(name, TaskKind.NOMINAL, output, List.of(), labels);
  }

  /** Width of the output tensor's second dimension: K−1 for ordinal, C for nominal. */
  public int outputWidth() {
    return kind == TaskKind.ORDINAL ? ranks.size() - 1 : labels.size();
  }
}
