package dev.dmtl.reports.svg;

import java.util.List;

/**
 * Series colours from the Okabe–Ito palette, distinguishable with the common forms of colour
 * blindness, each paired with a dash pattern so that lines stay apart in greyscale print. Yellow is
 * left out: on white it fails contrast. Colours are constants, never derived from data.
 */
public final class Palette {

  /** Black: the overall series. */
  public static final String BLACK = "#000000";

  public static final String BLUE = "#0072B2";
  public static final String VERMILLION = "#D55E00";
  public static final String GREEN = "#009E73";
  public static final String PURPLE = "#CC79A7";

  /**
   * Okabe–Ito orange (#E69F00) and sky blue (#56B4E9) darkened to keep a 3:1 contrast on white
   * (WCAG 1.4.11 for lines); their hue stays apart from the other series.
   */
  public static final String ORANGE = "#B97F00";

  public static final String SKY = "#3A87B5";

  /** A dark grey for a seventh series. */
  public static final String GREY = "#595959";

  private static final List<String> COLOURS =
      List.of(BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, GREY);
  private static final List<String> DASHES = List.of("", "6 3", "2 3", "9 3 2 3");

  private Palette() {}

  /** Stroke colour of series {@code i}. */
  public static String colour(int i) {
    return COLOURS.get(Math.floorMod(i, COLOURS.size()));
  }

  /**
   * Dash pattern of series {@code i} (empty for solid). The dash changes with each series, so two
   * series with the same colour (the 1st and 8th) never also share a dash.
   */
  public static String dash(int i) {
    // i and i + 7 differ by 7 + 2 = 9 steps, never a multiple of the 4 dashes
    return DASHES.get(Math.floorMod(i + 2 * (i / COLOURS.size()), DASHES.size()));
  }

  /**
   * Background of a heatmap cell for a share in 0..1: white to Okabe–Ito blue, linear in each
   * channel. NaN gives white.
   */
  public static String heat(double share) {
    double t = Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
    int r = (int) Math.round(255 + t * (0x00 - 255));
    int g = (int) Math.round(255 + t * (0x72 - 255));
    int b = (int) Math.round(255 + t * (0xB2 - 255));
    return String.format(java.util.Locale.ROOT, "#%02X%02X%02X", r, g, b);
  }

  /**
   * The text colour (black or white) with the higher contrast on {@link #heat(double)} of this
   * share. Over the whole scale the better of the two keeps a WCAG contrast ratio above 4.5:1.
   */
  public static String heatText(double share) {
    double background = luminance(heat(share));
    double onBlack = (background + 0.05) / 0.05;
    double onWhite = 1.05 / (background + 0.05);
    return onBlack >= onWhite ? BLACK : "#FFFFFF";
  }

  /** WCAG contrast ratio of two {@code #RRGGBB} colours, 1 to 21. */
  public static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** WCAG relative luminance of a {@code #RRGGBB} colour. */
  static double luminance(String hex) {
    double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
    double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
    double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  private static double channel(int value) {
    double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
