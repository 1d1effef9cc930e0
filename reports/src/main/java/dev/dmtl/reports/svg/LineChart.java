package dev.dmtl.reports.svg;

import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jsoup.nodes.Element;

/**
 * A line chart rendered to inline SVG: linear axes with nice ticks, one polyline per series, an
 * optional shaded interval band, and an HTML legend below (so that long labels wrap). Points whose
 * y is NaN break the line rather than being drawn as 0.
 */
public final class LineChart {

  /**
   * One line.
   *
   * @param name legend label (plain text, any characters)
   * @param x x values
   * @param y y values, NaN where unknown
   * @param lower lower interval bound per point (NaN where unknown), or null for no band
   * @param upper upper interval bound per point, or null
   * @param emphasis true for the reference line (overall): black, thicker, drawn last
   */
  public record Series(
      String name, double[] x, double[] y, double[] lower, double[] upper, boolean emphasis) {
    public Series {
      Objects.requireNonNull(name, "name");
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "series " + name + ": " + x.length + " x for " + y.length + " y");
      }
      if ((lower == null) != (upper == null)
          || (lower != null && (lower.length != y.length || upper.length != y.length))) {
        throw new IllegalArgumentException(
            "series " + name + ": interval bounds do not match the points");
      }
    }

    public static Series of(String name, double[] x, double[] y) {
      return new Series(name, x, y, null, null, false);
    }
  }

  private static final String DIAGONAL_DASH = "5 4";

  private static final double WIDTH = 640;
  private static final double HEIGHT = 340;
  private static final double LEFT = 62;
  private static final double RIGHT = 18;
  private static final double TOP = 14;
  private static final double BOTTOM = 48;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final NumberStyle xStyle;
  private final NumberStyle yStyle;
  private final List<Series> series = new ArrayList<>();
  private Double yMin;
  private Double yMax;
  private Double xMin;
  private Double xMax;
  private String diagonal;

  public LineChart(
      String title, String xLabel, String yLabel, NumberStyle xStyle, NumberStyle yStyle) {
    this.title = Objects.requireNonNull(title, "title");
    this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
    this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    this.xStyle = Objects.requireNonNull(xStyle, "xStyle");
    this.yStyle = Objects.requireNonNull(yStyle, "yStyle");
  }

  /** Fixes the y domain (e.g. 0..1 for shares) instead of fitting it to the data. */
  public LineChart yDomain(double min, double max) {
    this.yMin = min;
    this.yMax = max;
    return this;
  }

  /** Fixes the x domain instead of fitting it to the data. */
  public LineChart xDomain(double min, double max) {
    this.xMin = min;
    this.xMax = max;
    return this;
  }

  /**
   * Draws the diagonal y = x across the plot, dashed and grey, named {@code legend} in the legend:
   * where a reliability diagram's points would lie if the model were calibrated.
   */
  public LineChart diagonal(String legend) {
    this.diagonal = Objects.requireNonNull(legend, "legend");
    return this;
  }

  public LineChart add(Series s) {
    series.add(Objects.requireNonNull(s, "series"));
    return this;
  }

  public boolean isEmpty() {
    return series.stream().allMatch(s -> java.util.Arrays.stream(s.y()).allMatch(Double::isNaN));
  }

  /**
   * Appends {@code <figure>} with the chart, its legend and {@code caption} to {@code parent}.
   *
   * @param description text alternative for the whole chart (what it shows, key values)
   */
  public Element render(Element parent, IdSequence ids, String description, String caption) {
    Element figure = parent.appendElement("figure").addClass("chart-figure");
    // the visible title repeats the SVG's <title>; hidden from screen readers, which read the
    // latter
    figure.appendElement("div").addClass("chart-title").attr("aria-hidden", "true").text(title);
    String id = ids.next("chart");
    Element svg = Svg.root(figure, WIDTH, HEIGHT, title, description, id);

    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    double yLo = Double.POSITIVE_INFINITY;
    double yHi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        xLo = Math.min(xLo, s.x()[i]);
        xHi = Math.max(xHi, s.x()[i]);
        for (double v :
            new double[] {
              s.y()[i],
              s.lower() == null ? Double.NaN : s.lower()[i],
              s.upper() == null ? Double.NaN : s.upper()[i]
            }) {
          if (!Double.isNaN(v) && !Double.isInfinite(v)) {
            yLo = Math.min(yLo, v);
            yHi = Math.max(yHi, v);
          }
        }
      }
    }
    if (xLo > xHi) {
      xLo = 0;
      xHi = 1;
    }
    if (yLo > yHi) {
      yLo = Double.NaN;
      yHi = Double.NaN;
    }
    LinearScale xs =
        xMin != null
            ? new LinearScale(xMin, xMax, LEFT, WIDTH - RIGHT)
            : xHi > xLo
                ? new LinearScale(xLo, xHi, LEFT, WIDTH - RIGHT)
                : LinearScale.nice(xLo, xHi, LEFT, WIDTH - RIGHT, 5);
    LinearScale ys =
        yMin != null
            ? new LinearScale(yMin, yMax, HEIGHT - BOTTOM, TOP)
            : LinearScale.nice(yLo, yHi, HEIGHT - BOTTOM, TOP, 5);

    Element grid = Svg.group(svg, "grid");
    Element axes = Svg.group(svg, "axis");
    for (double t : ys.ticks(5)) {
      double y = ys.apply(t);
      Svg.line(grid, LEFT, y, WIDTH - RIGHT, y, "gridline");
      Svg.text(axes, LEFT - 6, y + 4, yStyle.format(t), "end", "tick");
    }
    for (double t : xs.ticks(10)) {
      double x = xs.apply(t);
      Svg.line(axes, x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4, "tickmark");
      Svg.text(axes, x, HEIGHT - BOTTOM + 17, xStyle.format(t), "middle", "tick");
    }
    Svg.line(axes, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "axisline");
    Svg.line(axes, LEFT, TOP, LEFT, HEIGHT - BOTTOM, "axisline");
    Svg.text(axes, (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, xLabel, "middle", "axis-label");
    Svg.text(axes, 14, (TOP + HEIGHT - BOTTOM) / 2, yLabel, "middle", "axis-label")
        .attr("transform", "rotate(-90 14 " + Svg.num((TOP + HEIGHT - BOTTOM) / 2) + ")");

    Element plot = Svg.group(svg, "series");
    if (diagonal != null) {
      double lo = Math.max(xs.domainMin(), ys.domainMin());
      double hi = Math.min(xs.domainMax(), ys.domainMax());
      if (hi > lo) {
        Svg.line(plot, xs.apply(lo), ys.apply(lo), xs.apply(hi), ys.apply(hi), "diagonal");
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      if (!series.get(i).emphasis()) {
        order.add(i);
      }
    }
    for (int i = 0; i < series.size(); i++) {
      if (series.get(i).emphasis()) {
        order.add(i);
      }
    }
    int styleIndex = 0;
    List<String[]> legend = new ArrayList<>();
    int[] styleOf = new int[series.size()];
    for (int i = 0; i < series.size(); i++) {
      styleOf[i] = series.get(i).emphasis() ? -1 : styleIndex++;
    }
    for (int i : order) {
      Series s = series.get(i);
      String colour = styleOf[i] < 0 ? Palette.BLACK : Palette.colour(styleOf[i]);
      String dash = styleOf[i] < 0 ? "" : Palette.dash(styleOf[i]);
      if (s.lower() != null) {
        band(plot, s, xs, ys, colour);
      }
      for (List<double[]> run : runs(s.x(), s.y())) {
        Element line =
            Svg.append(plot, "polyline")
                .attr("points", points(run, xs, ys))
                .attr("class", s.emphasis() ? "line line-emphasis" : "line")
                .attr("stroke", colour);
        if (!dash.isEmpty()) {
          line.attr("stroke-dasharray", dash);
        }
        if (s.x().length <= 30) {
          for (double[] p : run) {
            Svg.circle(plot, xs.apply(p[0]), ys.clamp(p[1]), s.emphasis() ? 3 : 2.5, "marker")
                .attr("fill", colour);
          }
        }
      }
      legend.add(new String[] {s.name(), colour, dash, s.emphasis() ? "1" : "0"});
    }
    List<String[]> entries = new ArrayList<>(legendInSeriesOrder(legend, order));
    if (diagonal != null) {
      entries.add(new String[] {diagonal, Palette.GREY, DIAGONAL_DASH, "0"});
    }
    legend(figure, entries);
    if (caption != null) {
      figure.appendElement("figcaption").text(caption);
    }
    return figure;
  }

  private static List<String[]> legendInSeriesOrder(List<String[]> legend, List<Integer> order) {
    String[][] byIndex = new String[order.size()][];
    for (int j = 0; j < order.size(); j++) {
      byIndex[order.get(j)] = legend.get(j);
    }
    return List.of(byIndex);
  }

  /** Appends an HTML legend with a small line sample per entry. */
  static void legend(Element figure, List<String[]> entries) {
    Element ul = figure.appendElement("ul").addClass("legend");
    for (String[] e : entries) {
      Element li = ul.appendElement("li");
      Element sample =
          Svg.append(li, "svg")
              .attr("xmlns", Svg.NAMESPACE)
              .attr("width", "28")
              .attr("height", "10")
              .attr("viewBox", "0 0 28 10")
              .attr("aria-hidden", "true")
              .attr("focusable", "false");
      Element line =
          Svg.line(sample, 1, 5, 27, 5, "1".equals(e[3]) ? "line line-emphasis" : "line")
              .attr("stroke", e[1]);
      if (!e[2].isEmpty()) {
        line.attr("stroke-dasharray", e[2]);
      }
      li.appendElement("span").text(e[0]);
    }
  }

  private static void band(Element plot, Series s, LinearScale xs, LinearScale ys, String colour) {
    List<double[]> upper = new ArrayList<>();
    List<double[]> lower = new ArrayList<>();
    for (int i = 0; i < s.x().length; i++) {
      if (!Double.isNaN(s.lower()[i]) && !Double.isNaN(s.upper()[i])) {
        upper.add(new double[] {s.x()[i], s.upper()[i]});
        lower.add(0, new double[] {s.x()[i], s.lower()[i]});
      }
    }
    if (upper.size() < 2) {
      return;
    }
    List<double[]> outline = new ArrayList<>(upper);
    outline.addAll(lower);
    Svg.append(plot, "polygon")
        .attr("points", points(outline, xs, ys))
        .attr("class", "band")
        .attr("fill", colour);
  }

  /** Splits a series at NaN values into runs of consecutive defined points. */
  private static List<List<double[]>> runs(double[] x, double[] y) {
    List<List<double[]>> out = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(y[i]) || Double.isInfinite(y[i])) {
        if (!current.isEmpty()) {
          out.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(new double[] {x[i], y[i]});
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static String points(List<double[]> pts, LinearScale xs, LinearScale ys) {
    StringBuilder sb = new StringBuilder();
    for (double[] p : pts) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(Svg.num(xs.apply(p[0]))).append(',').append(Svg.num(ys.clamp(p[1])));
    }
    return sb.toString();
  }
}
