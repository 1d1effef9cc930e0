package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the values in a task's slice already are: raw {@code logits} (the consumer applies sigmoid
 * or softmax), {@code probabilities} (used as they are), or {@code none} (a plain number, for a
 * regression).
 */
public enum Activation {
  LOGITS,
  PROBABILITIES,
  NONE;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Activation fromJson(String value) {
    for (Activation a : values()) {
      if (a.jsonName().equalsIgnoreCase(value)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown activation '" + value + "' (expected logits, probabilities or none)");
  }
}
