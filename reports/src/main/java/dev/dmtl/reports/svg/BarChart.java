package dev.dmtl.reports.svg;

import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jsoup.nodes.Element;

/**
 * A horizontal bar chart with interval whiskers, rendered to inline SVG: one row per group, the
 * value as a bar from zero, the interval as a whisker, the number written at the end of the row,
 * and an optional dashed reference line (the overall value). A row without a value (a group too
 * small to measure) shows its note instead of a bar, so it is visibly missing rather than zero.
 */
public final class BarChart {

  /**
   * One row.
   *
   * @param label group label (plain text, any characters)
   * @param value the value, NaN when not measured
   * @param lower lower interval bound, NaN when unknown
   * @param upper upper interval bound, NaN when unknown
   * @param note shown instead of a bar when {@code value} is NaN, e.g. {@code insufficient (n =
   *     12)}
   */
  public record Bar(String label, double value, double lower, double upper, String note) {
    public Bar {
      Objects.requireNonNull(label, "label");
    }
  }

  private static final double WIDTH = 640;
  private static final double ROW = 26;
  private static final double TOP_PLAIN = 10;
  private static final double TOP_WITH_REFERENCE = 26;
  private static final double BOTTOM = 44;
  private static final double RIGHT = 118;
  private static final double CHAR = 6.6;

  private final String title;
  private final String axisLabel;
  private final NumberStyle style;
  private final List<Bar> bars = new ArrayList<>();
  private Double domainMin;
  private Double domainMax;
  private double reference = Double.NaN;
  private String referenceLabel;

  public BarChart(String title, String axisLabel, NumberStyle style) {
    this.title = Objects.requireNonNull(title, "title");
    this.axisLabel = Objects.requireNonNull(axisLabel, "axisLabel");
    this.style = Objects.requireNonNull(style, "style");
  }

  public BarChart add(Bar bar) {
    bars.add(Objects.requireNonNull(bar, "bar"));
    return this;
  }

  /** Fixes the value axis (e.g. 0..1 for shares). */
  public BarChart domain(double min, double max) {
    this.domainMin = min;
    this.domainMax = max;
    return this;
  }

  /** Draws a dashed reference line, e.g. at the overall value; NaN draws none. */
  public BarChart reference(double value, String label) {
    this.reference = value;
    this.referenceLabel = label;
    return this;
  }

  /** Appends {@code <figure>} with the chart and {@code caption} to {@code parent}. */
  public Element render(Element parent, IdSequence ids, String description, String caption) {
    Element figure = parent.appendElement("figure").addClass("chart-figure");
    // the visible title repeats the SVG's <title>; hidden from screen readers, which read the
    // latter
    figure.appendElement("div").addClass("chart-title").attr("aria-hidden", "true").text(title);
    String id = ids.next("chart");
    double top = Double.isNaN(reference) ? TOP_PLAIN : TOP_WITH_REFERENCE;
    int longest = bars.stream().mapToInt(b -> b.label().length()).max().orElse(4);
    double left = Math.min(260, Math.max(70, 12 + longest * CHAR));
    double height = top + Math.max(1, bars.size()) * ROW + BOTTOM;
    Element svg = Svg.root(figure, WIDTH, height, title, description, id);

    double lo = 0;
    double hi = 0;
    for (Bar b : bars) {
      for (double v : new double[] {b.value(), b.lower(), b.upper()}) {
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!Double.isNaN(reference)) {
      lo = Math.min(lo, reference);
      hi = Math.max(hi, reference);
    }
    LinearScale xs =
        domainMin != null
            ? new LinearScale(domainMin, domainMax, left, WIDTH - RIGHT)
            : LinearScale.nice(lo, hi == lo ? lo + 1 : hi, left, WIDTH - RIGHT, 5);
    double plotBottom = top + Math.max(1, bars.size()) * ROW;

    Element grid = Svg.group(svg, "grid");
    Element axes = Svg.group(svg, "axis");
    for (double t : xs.ticks(5)) {
      double x = xs.apply(t);
      Svg.line(grid, x, top, x, plotBottom, "gridline");
      Svg.text(axes, x, plotBottom + 16, style.format(t), "middle", "tick");
    }
    Svg.line(axes, left, plotBottom, WIDTH - RIGHT, plotBottom, "axisline");
    Svg.text(axes, (left + WIDTH - RIGHT) / 2, height - 8, axisLabel, "middle", "axis-label");
    double zero = xs.clamp(0);
    Svg.line(axes, zero, top, zero, plotBottom, "axisline");

    Element rows = Svg.group(svg, "bars");
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = top + i * ROW;
      double mid = y + ROW / 2;
      Svg.text(rows, left - 8, mid + 4, b.label(), "end", "bar-label");
      if (Double.isNaN(b.value())) {
        Svg.text(
            rows,
            left + 6,
            mid + 4,
            b.note() == null ? NumberStyle.NOT_AVAILABLE : b.note(),
            "start",
            "bar-note");
        continue;
      }
      double x = xs.clamp(b.value());
      Svg.rect(rows, Math.min(zero, x), y + 5, Math.abs(x - zero), ROW - 10, "bar");
      if (!Double.isNaN(b.lower()) && !Double.isNaN(b.upper())) {
        double x1 = xs.clamp(b.lower());
        double x2 = xs.clamp(b.upper());
        Svg.line(rows, x1, mid, x2, mid, "whisker");
        Svg.line(rows, x1, mid - 6, x1, mid + 6, "whisker");
        Svg.line(rows, x2, mid - 6, x2, mid + 6, "whisker");
      }
      Svg.text(rows, WIDTH - RIGHT + 8, mid + 4, style.format(b.value()), "start", "bar-value");
    }
    if (!Double.isNaN(reference)) {
      double x = xs.clamp(reference);
      Svg.line(svg, x, top - 6, x, plotBottom, "reference-line");
      if (referenceLabel != null) {
        // above the plot, kept inside the drawing: right-aligned near the right edge
        boolean nearRight = x > WIDTH - RIGHT - 60;
        Svg.text(
            svg,
            x,
            top - 10,
            referenceLabel + " " + style.format(reference),
            nearRight ? "end" : "middle",
            "reference-label");
      }
    }
    if (caption != null) {
      figure.appendElement("figcaption").text(caption);
    }
    return figure;
  }
}
