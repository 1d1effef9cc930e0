package dev.dmtl.audit.compare;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a change means, read from its paired interval: measurable when the interval excludes 0, and
 * then better or worse by the metric's direction (for gaps: smaller is better, except a ratio,
 * where closer to parity, i.e. larger, is better).
 */
public enum Verdict {
  IMPROVED,
  WORSE,
  /** The interval contains 0: the data cannot tell the two models apart here. */
  NO_MEASURABLE_CHANGE,
  /** Measurably different, for a metric where neither direction is better (prevalence, shares). */
  CHANGED,
  /** No interval: a group too small in either model, an undefined value, or no resamples. */
  NOT_EVALUABLE;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param lower the change's lower bound
   * @param upper the change's upper bound
   * @param higherIsBetter true, false, or null when neither is
   */
  static Verdict of(double lower, double upper, Boolean higherIsBetter) {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      return NOT_EVALUABLE;
    }
    if (lower <= 0 && upper >= 0) {
      return NO_MEASURABLE_CHANGE;
    }
    if (higherIsBetter == null) {
      return CHANGED;
    }
    boolean up = lower > 0;
    return up == higherIsBetter ? IMPROVED : WORSE;
  }
}
