package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a task's output is shaped and decoded. */
public enum TaskKind {
  /** Ranks r_1..r_K, output is K−1 threshold logits "rank > r_k" (paper Eq. 5–7). */
  ORDINAL,
  /** C unordered labels, output is C logits decoded by softmax (paper Eq. 3–4). */
  NOMINAL;

  /** The spelling used in {@code dmtl.tasks} metadata. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the metadata spelling, case-insensitively. */
  @JsonCreator
  public static TaskKind fromJson(String value) {
    for (TaskKind kind : values()) {
      if (kind.jsonName().equalsIgnoreCase(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown task kind '" + value + "' (expected ordinal or nominal)");
  }
}
