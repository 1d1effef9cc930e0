package dev.dmtl.audit.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How the values of one metric across the groups of one grouping are summarised into a single
 * fairness gap. Only groups with enough rows (see {@code AuditOptions.minGroupSize}) and a defined
 * value take part; with fewer than two such groups a gap is NaN.
 */
public enum GapKind {
  /** max − min over groups ({@code gap} in ids and rules). */
  DIFFERENCE("gap", false),
  /**
   * min / max over groups, 1 = parity (the "four-fifths rule" reads this); NaN when max is 0. For
   * lower-is-better metrics (MAE) it is still min/max.
   */
  RATIO("ratio", false),
  /** Largest |group − reference group| (the reference is the largest group unless configured). */
  VS_REFERENCE("vs_reference", false),
  /** Largest |group − overall value|. */
  VS_OVERALL("vs_overall", false),
  /**
   * Equalized-odds difference of a nominal task: over classes c (one-vs-rest), the largest of the
   * max − min differences of TPR(c) and of FPR(c) across groups.
   */
  EQUALIZED_ODDS("equalized_odds", true),
  /**
   * Demographic-parity difference of a nominal task: over classes c, the largest max − min
   * difference of the selection rate (share predicted as c) across groups.
   */
  DEMOGRAPHIC_PARITY("demographic_parity", true);

  private final String jsonName;
  private final boolean taskLevel;

  GapKind(String jsonName, boolean taskLevel) {
    this.jsonName = jsonName;
    this.taskLevel = taskLevel;
  }

  /** Spelling in ids, JSON, CSV and rules. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /**
   * True for gaps of a whole task (equalized odds, demographic parity) rather than of one metric.
   */
  public boolean isTaskLevel() {
    return taskLevel;
  }

  public static GapKind parse(String value) {
    for (GapKind g : values()) {
      if (g.jsonName.equalsIgnoreCase(value.strip()) || g.name().equalsIgnoreCase(value.strip())) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "unknown gap kind '"
            + value
            + "' (expected "
            + String.join(", ", java.util.Arrays.stream(values()).map(GapKind::jsonName).toList())
            + ")");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
