package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which faces of a group a mean saliency map averages. */
public enum SaliencySubset {
  /** Every face of the group with a map. */
  ALL,
  /**
   * Faces whose answer for the map's task is right: the predicted label is the true one (nominal),
   * or the predicted rank is within {@link Saliency#ordinalCorrectWithin()} of the true rank or
   * range (ordinal). Labelled audits only.
   */
  CORRECT,
  /** Faces with a known truth whose answer is not {@link #CORRECT}. Labelled audits only. */
  WRONG;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static SaliencySubset of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
