package dev.dmtl.reports.svg;

import java.util.Locale;

/**
 * The viridis colormap (van der Walt &amp; Smith, matplotlib's default) as SVG fill colours:
 * perceptually uniform, readable in greyscale and by the common colour-vision deficiencies, dark
 * (low) to yellow (high). The same eleven published stops, linear in sRGB, as {@code
 * dev.dmtl.app.explain.Viridis} draws {@code dmtl explain}'s overlays with; kept here because
 * reports does not depend on app, and eleven numbers are cheaper than a shared module.
 */
public final class Viridis {

  private static final int[] STOPS = {
    0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151,
    0xbddf26, 0xfde725
  };

  private Viridis() {}

  /**
   * The colour of {@code t} as {@code #rrggbb}.
   *
   * @param t position on the scale, clamped to [0, 1]; NaN is drawn as the low end
   */
  public static String hex(double t) {
    double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
    int i = Math.min(STOPS.length - 2, (int) Math.floor(x));
    double f = x - i;
    int a = STOPS[i];
    int b = STOPS[i + 1];
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        mix(a >> 16, b >> 16, f),
        mix(a >> 8, b >> 8, f),
        mix(a, b, f));
  }

  private static int mix(int a, int b, double f) {
    int lo = a & 0xFF;
    int hi = b & 0xFF;
    return (int) Math.round(lo + (hi - lo) * f);
  }
}
