package dev.dmtl.reports.tables;

import dev.dmtl.reports.format.NumberStyle;

/**
 * The kinds of reliability diagram the audit writes ({@code ReliabilityDiagram.kind()}), with the
 * words and number style the report gives each. An unknown kind (a newer audit) is shown with
 * neutral words rather than refused.
 */
public enum DiagramKind {
  /** Nominal: the predicted label's probability against being right, equal-width bins. */
  CONFIDENCE_WIDTH(
      "confidence_width",
      "equal-width bins",
      "confidence in the predicted label",
      "share right",
      false),
  /** The same over equal-mass bins (quantiles of the confidences). */
  CONFIDENCE_MASS(
      "confidence_mass",
      "equal-mass bins",
      "confidence in the predicted label",
      "share right",
      false),
  /** Ordinal: every P(age &gt; r) against whether the age is above r. */
  THRESHOLDS(
      "thresholds",
      "threshold probabilities",
      "predicted P(older than r)",
      "share older than r",
      false),
  /** Ordinal: the expected age against the true age, binned by the expected age's age group. */
  EXPECTED_AGE(
      "expected_age",
      "expected age by predicted age group",
      "mean expected age (years)",
      "mean true age (years)",
      true),
  /** A kind this report does not know. */
  OTHER("other", "bins", "mean prediction", "mean outcome", false);

  private final String jsonName;
  private final String description;
  private final String xLabel;
  private final String yLabel;
  private final boolean years;

  DiagramKind(String jsonName, String description, String xLabel, String yLabel, boolean years) {
    this.jsonName = jsonName;
    this.description = description;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.years = years;
  }

  /** The kind of an audit's diagram; {@link #OTHER} when unknown. */
  public static DiagramKind of(String kind) {
    for (DiagramKind k : values()) {
      if (k.jsonName.equals(kind)) {
        return k;
      }
    }
    return OTHER;
  }

  /** The binning in words, for captions: {@code equal-width bins}. */
  public String description() {
    return description;
  }

  /** The x axis: what was predicted. */
  public String xLabel() {
    return xLabel;
  }

  /** The y axis: what happened. */
  public String yLabel() {
    return yLabel;
  }

  /** What a bin counts: faces, or for threshold probabilities face–threshold pairs. */
  public String countUnit() {
    return this == THRESHOLDS ? "face–threshold pairs" : "faces";
  }

  /** True when both axes are ages in years rather than probabilities. */
  public boolean years() {
    return years;
  }

  /** How the bins' edges and means are written. */
  public NumberStyle style() {
    return years ? NumberStyle.YEARS : NumberStyle.PROPORTION;
  }
}
