package dev.dmtl.audit.config;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.dmtl.audit.metrics.AuditMode;
import java.util.Locale;

/** The audit mode asked for. */
public enum ModeChoice {
  /**
   * Labelled when at least one row has a known label for some task, else label-free. The default.
   */
  AUTO,
  /** Require labels; fail when there are none. */
  LABELLED,
  /** Ignore any labels and describe predictions only (not an accuracy audit). */
  LABEL_FREE;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The mode this choice forces, or null for {@link #AUTO}. */
  public AuditMode forced() {
    return switch (this) {
      case AUTO -> null;
      case LABELLED -> AuditMode.LABELLED;
      case LABEL_FREE -> AuditMode.LABEL_FREE;
    };
  }

  public static ModeChoice parse(String value) {
    for (ModeChoice m : values()) {
      if (m.jsonName().equalsIgnoreCase(value.strip())
          || m.name().equalsIgnoreCase(value.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown mode '" + value + "' (expected auto, labelled or label-free)");
  }
}
