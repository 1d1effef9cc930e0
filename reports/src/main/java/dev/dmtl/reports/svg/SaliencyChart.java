package dev.dmtl.reports.svg;

import java.util.List;
import org.jsoup.nodes.Element;

/**
 * A small heat map of one mean saliency map over the aligned crop: one viridis cell per map cell,
 * the face box as a thin outline and the template's five landmarks as dots, so that a reader can
 * tell eyes from mouth without any face pixels. The colour scale is given by the caller (shared by
 * every map of a task, so that the small multiples compare).
 */
public final class SaliencyChart {

  /** Side of a map in CSS pixels. */
  public static final double SIZE = 96;

  private SaliencyChart() {}

  /**
   * Appends the map.
   *
   * @param cells {@code height × width} shares, row-major, row 0 at the top
   * @param max the share drawn at the top of the scale (&gt; 0)
   * @param landmarks {@code [x, y]} fractions of the crop
   * @param faceBox {@code left, top, right, bottom} fractions of the crop, or null
   * @param idPrefix a unique, generated id prefix
   */
  public static Element append(
      Element parent,
      int height,
      int width,
      List<Double> cells,
      double max,
      List<List<Double>> landmarks,
      double[] faceBox,
      String title,
      String description,
      String idPrefix) {
    Element svg = Svg.root(parent, SIZE, SIZE, title, description, idPrefix);
    svg.addClass("saliency");
    double cw = SIZE / width;
    double ch = SIZE / height;
    Element grid = Svg.group(svg, "saliency-cells");
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        double v = cells.get(row * width + col);
        // cells overlap by a fraction of a pixel so no background shows between them
        Svg.rect(grid, col * cw, row * ch, cw + 0.3, ch + 0.3, "saliency-cell")
            .attr("fill", Viridis.hex(v / max));
      }
    }
    if (faceBox != null) {
      Svg.rect(
          svg,
          faceBox[0] * SIZE,
          faceBox[1] * SIZE,
          (faceBox[2] - faceBox[0]) * SIZE,
          (faceBox[3] - faceBox[1]) * SIZE,
          "saliency-face");
    }
    for (List<Double> p : landmarks) {
      Svg.circle(svg, p.get(0) * SIZE, p.get(1) * SIZE, 2.6, "saliency-landmark");
    }
    return svg;
  }

  /**
   * Appends a horizontal colour bar over the whole scale, its ends labelled {@code lowLabel} and
   * {@code highLabel}.
   */
  public static Element legend(
      Element parent, String lowLabel, String highLabel, String title, String idPrefix) {
    double w = 220;
    double h = 40;
    Element svg =
        Svg.root(
            parent,
            w,
            h,
            title,
            "viridis colour scale from "
                + lowLabel
                + " (dark purple) to "
                + highLabel
                + " (yellow)",
            idPrefix);
    svg.addClass("saliency-legend");
    int steps = 44;
    double left = 10;
    double barWidth = w - 2 * left;
    for (int i = 0; i < steps; i++) {
      Svg.rect(svg, left + i * barWidth / steps, 4, barWidth / steps + 0.3, 14, "saliency-cell")
          .attr("fill", Viridis.hex((i + 0.5) / steps));
    }
    Svg.text(svg, left, 34, lowLabel, "start", "tick");
    Svg.text(svg, w - left, 34, highLabel, "end", "tick");
    return svg;
  }
}
