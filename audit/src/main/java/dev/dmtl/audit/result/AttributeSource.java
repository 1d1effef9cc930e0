package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What defines an attribute's value for a row. */
public enum AttributeSource {
  /** The ground-truth label (labelled audits). */
  TRUTH,
  /** The model's prediction (label-free audits: "predicted groups"). */
  PREDICTION,
  /** A column of the attribute file the auditor brought ({@code --attributes}). */
  FILE;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
