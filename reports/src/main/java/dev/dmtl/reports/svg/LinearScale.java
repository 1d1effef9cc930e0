package dev.dmtl.reports.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a data interval onto pixels, and picks "nice" tick values (1, 2, 2.5 or 5 times a power of
 * ten) for its axis.
 *
 * @param domainMin smallest data value shown
 * @param domainMax largest data value shown, greater than {@code domainMin}
 * @param rangeStart pixel of {@code domainMin}
 * @param rangeEnd pixel of {@code domainMax} (smaller than {@code rangeStart} for y axes)
 */
public record LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd) {

  public LinearScale {
    if (!(domainMax > domainMin) || Double.isInfinite(domainMin) || Double.isInfinite(domainMax)) {
      throw new IllegalArgumentException("bad scale domain [" + domainMin + ", " + domainMax + "]");
    }
  }

  /**
   * A scale over {@code [min, max]} widened to nice tick values; a flat or empty range becomes
   * {@code [min - 1, min + 1]} (or [0, 1] without data).
   */
  public static LinearScale nice(
      double min, double max, double rangeStart, double rangeEnd, int ticks) {
    if (Double.isNaN(min) || Double.isNaN(max)) {
      return new LinearScale(0, 1, rangeStart, rangeEnd);
    }
    if (!(max > min)) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double step = niceStep((max - min) / Math.max(1, ticks));
    return new LinearScale(
        Math.floor(min / step) * step, Math.ceil(max / step) * step, rangeStart, rangeEnd);
  }

  /** The pixel of a data value (values outside the domain map outside the range). */
  public double apply(double value) {
    return rangeStart + (value - domainMin) / (domainMax - domainMin) * (rangeEnd - rangeStart);
  }

  /** The pixel of a value clamped into the domain. */
  public double clamp(double value) {
    return apply(Math.max(domainMin, Math.min(domainMax, value)));
  }

  /** About {@code count} nice tick values inside the domain, ascending. */
  public List<Double> ticks(int count) {
    double step = niceStep((domainMax - domainMin) / Math.max(1, count));
    List<Double> out = new ArrayList<>();
    long first = (long) Math.ceil(domainMin / step - 1e-9);
    long last = (long) Math.floor(domainMax / step + 1e-9);
    java.math.BigDecimal s = java.math.BigDecimal.valueOf(step);
    for (long k = first; k <= last; k++) {
      // k × step in decimal, so that 3 × 0.2 is 0.6 and not 0.6000000000000001
      out.add(s.multiply(java.math.BigDecimal.valueOf(k)).doubleValue());
    }
    return out;
  }

  static double niceStep(double rough) {
    if (!(rough > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / power;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * power;
  }
}
