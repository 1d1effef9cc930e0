package dev.dmtl.app.explain;

import java.awt.Color;

/**
 * The viridis colormap (van der Walt &amp; Smith, matplotlib's default): perceptually uniform,
 * readable in greyscale and by the common colour-vision deficiencies, dark (low) to yellow (high).
 * Eleven stops of the published map, linearly interpolated in sRGB; between stops this differs from
 * the 256-entry table by a few levels per channel, far below what the eye separates on an overlay.
 */
final class Viridis {

  private static final int[] STOPS = {
    0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151,
    0xbddf26, 0xfde725
  };

  private Viridis() {}

  /**
   * The colour of {@code t}.
   *
   * @param t position on the scale, clamped to [0, 1]; NaN is drawn as the low end
   */
  static Color at(double t) {
    double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
    int i = Math.min(STOPS.length - 2, (int) Math.floor(x));
    double f = x - i;
    int a = STOPS[i];
    int b = STOPS[i + 1];
    return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
  }

  private static int mix(int a, int b, double f) {
    int lo = a & 0xFF;
    int hi = b & 0xFF;
    return (int) Math.round(lo + (hi - lo) * f);
  }
}
