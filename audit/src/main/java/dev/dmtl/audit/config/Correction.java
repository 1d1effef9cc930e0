package dev.dmtl.audit.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The multiple-comparison correction of the audit's significance calls. An audit tests thousands of
 * group differences; at a 5 % level, one in twenty true "no difference" comes out significant by
 * chance alone, so an uncorrected list of flags is mostly noise.
 */
public enum Correction {
  /**
   * Benjamini–Hochberg: controls the false discovery rate, the expected share of flags that are
   * wrong, at the audit's α. The default: an audit screens for where to look.
   */
  BH("bh"),
  /**
   * Holm: controls the family-wise error rate, the chance of even one wrong flag, at α. Stricter:
   * for a finding that must hold up on its own.
   */
  HOLM("holm"),
  /** No correction: each difference is flagged at α on its own (not recommended). */
  NONE("none");

  private final String jsonName;

  Correction(String jsonName) {
    this.jsonName = jsonName;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** A name for people: "Benjamini–Hochberg (false discovery rate)". */
  public String description() {
    return switch (this) {
      case BH -> "Benjamini–Hochberg (false discovery rate)";
      case HOLM -> "Holm (family-wise error rate)";
      case NONE -> "none (each difference at its own level)";
    };
  }

  public static Correction parse(String value) {
    for (Correction c : values()) {
      if (c.jsonName.equalsIgnoreCase(value.strip()) || c.name().equalsIgnoreCase(value.strip())) {
        return c;
      }
    }
    if (value.strip().equalsIgnoreCase("benjamini-hochberg")) {
      return BH;
    }
    throw new IllegalArgumentException(
        "unknown correction '" + value + "' (expected bh, holm or none)");
  }
}
