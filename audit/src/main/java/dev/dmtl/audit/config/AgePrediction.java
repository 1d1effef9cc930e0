package dev.dmtl.audit.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which age prediction the age metrics use. */
public enum AgePrediction {
  /**
   * The predicted rank of paper Eq. 6 (column {@code <task>_pred}, an integer): the model's own
   * answer, as the paper reports MAE. The default.
   */
  RANK,
  /**
   * The expected rank under the threshold probabilities (column {@code <task>_expected}, real
   * valued): smoother, often a lower MAE.
   */
  EXPECTED;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AgePrediction parse(String value) {
    for (AgePrediction a : values()) {
      if (a.jsonName().equalsIgnoreCase(value.strip())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown age prediction '" + value + "' (expected rank or expected)");
  }
}
