package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One task a model predicts: the one task descriptor of the project. The model contract declares it
 * ({@code dmtl.tasks}), the run provenance in every Parquet footer repeats it, the audit and its
 * result use it. JSON: {@code {"name":"age","kind":"ordinal","output":"age_logits","ranks":[1,…]}}
 * or {@code
 * {"name":"gender","kind":"nominal","output":"gender_logits","labels":["male","female"]}}.
 *
 * @param name task name, e.g. {@code age}; unique within a model; letters, digits, {@code _} and
 *     {@code -} (it is part of column names, group ids and {@code --fail-on} rules)
 * @param kind ordinal or nominal
 * @param output name of the ONNX graph output holding this task's logits; null only for a task the
 *     audit recognised from prediction columns without a model to name it
 * @param ranks for ordinal tasks the strictly increasing rank values r_1..r_K (empty for nominal,
 *     and for an ordinal task recognised from columns, whose ranks are unknown)
 * @param labels for nominal tasks the C class labels in logit order (empty for ordinal)
 */
@JsonPropertyOrder({"name", "kind", "output", "ranks", "labels"})
public record TaskSpec(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) TaskKind kind,
    String output,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> ranks,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labels) {

  /** Characters a nominal label must not contain. */
  public static final String RESERVED = ",=[]@";

  public TaskSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    ranks = List.copyOf(ranks == null ? List.of() : ranks);
    labels = List.copyOf(labels == null ? List.of() : labels);
    if (name.isBlank()) {
      throw new IllegalArgumentException("task name is blank");
    }
    // task names and labels are parts of audit group ids (race=white,gender=male) and of the
    // --fail-on grammar (race.recall[black].gap@gender:lower>0.1): those characters must not occur
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "task name '" + name + "' may only use letters, digits, '_' and '-'");
    }
    for (String label : labels) {
      if (label.isBlank()
          || label.chars().anyMatch(c -> RESERVED.indexOf(c) >= 0 || Character.isISOControl(c))) {
        throw new IllegalArgumentException(
            "label '"
                + label
                + "' of task '"
                + name
                + "' is blank or uses one of "
                + RESERVED
                + " (reserved for audit group ids and rules)");
      }
    }
    if (kind == TaskKind.ORDINAL) {
      if (!labels.isEmpty()) {
        throw new IllegalArgumentException(
            "ordinal task '" + name + "' declares labels; it has ranks");
      }
      if (ranks.size() == 1) {
        throw new IllegalArgumentException(
            "ordinal task '" + name + "' needs at least 2 ranks, has 1");
      }
      for (int i = 1; i < ranks.size(); i++) {
        if (ranks.get(i) <= ranks.get(i - 1)) {
          throw new IllegalArgumentException(
              "ordinal task '"
                  + name
                  + "': ranks must be strictly increasing, "
                  + ranks.get(i - 1)
                  + " is followed by "
                  + ranks.get(i));
        }
      }
    } else {
      if (!ranks.isEmpty()) {
        throw new IllegalArgumentException(
            "nominal task '" + name + "' declares ranks; it has labels");
      }
      if (labels.size() < 2) {
        throw new IllegalArgumentException(
            "nominal task '" + name + "' needs at least 2 labels, has " + labels.size());
      }
      if (labels.stream().distinct().count() != labels.size()) {
        throw new IllegalArgumentException(
            "nominal task '" + name + "' has duplicate labels " + labels);
      }
    }
  }

  public static TaskSpec ordinal(String name, String output, List<Integer> ranks) {
    return new TaskSpec(name, TaskKind.ORDINAL, output, ranks, List.of());
  }

  public static TaskSpec nominal(String name, String output, List<String> labels) {
    return new TaskSpec(name, TaskKind.NOMINAL, output, List.of(), labels);
  }

  /**
   * What a model must declare beyond the descriptor itself: the output it reads and, for an ordinal
   * task, its ranks.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  public void requireModelComplete() {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("task '" + name + "' names no output");
    }
    if (kind == TaskKind.ORDINAL && ranks.size() < 2) {
      throw new IllegalArgumentException(
          "ordinal task '" + name + "' needs at least 2 ranks, has " + ranks.size());
    }
  }

  /** Width of the output tensor's second dimension: K−1 for ordinal, C for nominal. */
  @JsonIgnore
  public int outputWidth() {
    return kind == TaskKind.ORDINAL ? ranks.size() - 1 : labels.size();
  }
}
