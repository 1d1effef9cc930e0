package dev.dmtl.reports.format;

import java.util.Locale;

/**
 * How a number is written, in the HTML report and in its CSV files alike: both call {@link
 * #format(double)}, so a reader who finds {@code 0.912} in the report finds the same {@code 0.912}
 * in the CSV. Numbers use a dot as decimal separator and no grouping, whatever the JVM's locale, so
 * that the CSV reads back in any tool. A number that cannot be measured (NaN) is written {@value
 * #NOT_AVAILABLE}, never 0 or an empty cell.
 */
public enum NumberStyle {
  /** Whole counts: {@code 21348}. */
  COUNT(0, false),
  /** Shares and rates in 0..1 (accuracy, recall, CS, coverage, confidence): {@code 0.912}. */
  PROPORTION(3, false),
  /** Ages and age errors in years (MAE, RMSE, mean signed error): {@code 5.43}. */
  YEARS(2, false),
  /** Squared years (MSE): {@code 61.7}. */
  YEARS_SQUARED(1, false),
  /** Ratios of two values (min/max, group/reference), 1 = parity: {@code 0.874}. */
  RATIO(3, false),
  /** Learned quantities of the model: task weights β, log-variances s: {@code 0.412}. */
  WEIGHT(3, false),
  /** Training losses: {@code 1.2345}. */
  LOSS(4, false),
  /** Durations in seconds and throughputs: {@code 61.5}. */
  ONE_DECIMAL(1, false),
  /** Learning rates and other values that span decades: {@code 0.00100}, {@code 1.00e-05}. */
  SIGNIFICANT(3, true),
  /**
   * p-values, raw and adjusted, which span decades too: {@code 0.0312}, {@code 2.15e-07}; three
   * significant digits so that a small p is not written 0.000.
   */
  P_VALUE(3, true);

  /** How a NaN (undefined or unmeasured) value is written: what R and pandas read as missing. */
  public static final String NOT_AVAILABLE = "NA";

  private final int digits;
  private final boolean significant;

  NumberStyle(int digits, boolean significant) {
    this.digits = digits;
    this.significant = significant;
  }

  /**
   * The number as text; {@value #NOT_AVAILABLE} for NaN, {@code Inf}/{@code -Inf} for infinities.
   */
  public String format(double value) {
    if (Double.isNaN(value)) {
      return NOT_AVAILABLE;
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Inf" : "-Inf";
    }
    if (this == COUNT) {
      return Long.toString(Math.round(value));
    }
    String text =
        significant
            ? String.format(Locale.ROOT, "%." + digits + "g", value)
            : String.format(Locale.ROOT, "%." + digits + "f", value);
    // -0.0004 rounds to "-0.000": a sign on a zero reads as a finding, so drop it
    if (text.startsWith("-") && isZero(text)) {
      return text.substring(1);
    }
    return text;
  }

  /**
   * The value as text, with up to four more decimals than usual when the usual text would equal
   * that of {@code other} although the numbers differ: an observed 0.0503 next to a threshold of
   * 0.05 is written 0.0503, not 0.050, so that "0.050 > 0.050" never appears.
   */
  public String formatApart(double value, double other) {
    String text = format(value);
    if (this == COUNT
        || significant
        || Double.isNaN(value)
        || Double.isNaN(other)
        || Double.isInfinite(value)
        || value == other
        || !text.equals(format(other))) {
      return text;
    }
    for (int extra = 1; extra <= 4; extra++) {
      String longer = String.format(Locale.ROOT, "%." + (digits + extra) + "f", value);
      if (!longer.equals(String.format(Locale.ROOT, "%." + (digits + extra) + "f", other))) {
        return longer;
      }
    }
    return text;
  }

  /** A count. */
  public static String count(long value) {
    return Long.toString(value);
  }

  private static boolean isZero(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') {
        break;
      }
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }
}
