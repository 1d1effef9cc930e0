package dev.dmtl.audit.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What kind of audit a result is. */
public enum AuditMode {
  /**
   * Ground-truth labels are known: groups are defined by the true attributes and metrics compare
   * predictions with labels. This is an accuracy and fairness audit.
   */
  LABELLED,
  /**
   * No labels: groups are defined by the model's own predictions and the only metrics are the
   * predicted mix and the mean confidence. This is NOT an accuracy audit: it cannot show whether
   * the model is right for anyone, only what it says and how sure it is.
   */
  LABEL_FREE;

  /** Spelling in JSON and on the command line: {@code labelled}, {@code label-free}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static AuditMode parse(String value) {
    for (AuditMode m : values()) {
      if (m.jsonName().equalsIgnoreCase(value.strip())
          || m.name().equalsIgnoreCase(value.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown audit mode '" + value + "' (expected labelled or label-free)");
  }
}
