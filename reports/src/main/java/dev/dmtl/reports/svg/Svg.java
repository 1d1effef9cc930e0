package dev.dmtl.reports.svg;

import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Creates SVG elements in a jsoup tree. Text and attribute values go through jsoup, which escapes
 * them when the document is written; coordinates are formatted here with a dot decimal separator.
 */
public final class Svg {

  public static final String NAMESPACE = Parser.NamespaceSvg;

  private Svg() {}

  /** Appends an SVG element named {@code tag} to {@code parent}. */
  public static Element append(Element parent, String tag) {
    return parent.appendElement(tag, NAMESPACE);
  }

  /**
   * Appends a root {@code <svg>} of the given viewBox size, exposed to assistive technology as one
   * image named by {@code <title>} and described by {@code <desc>} (both plain text).
   *
   * @param idPrefix a unique, generated id prefix (never user data)
   */
  public static Element root(
      Element parent,
      double width,
      double height,
      String title,
      String description,
      String idPrefix) {
    Element svg =
        append(parent, "svg")
            .attr("xmlns", NAMESPACE)
            .attr("viewBox", "0 0 " + num(width) + " " + num(height))
            .attr("width", num(width))
            .attr("height", num(height))
            .attr("role", "img")
            .attr("aria-labelledby", idPrefix + "-title " + idPrefix + "-desc")
            .attr("class", "chart");
    append(svg, "title").attr("id", idPrefix + "-title").text(title);
    append(svg, "desc").attr("id", idPrefix + "-desc").text(description);
    return svg;
  }

  public static Element line(
      Element parent, double x1, double y1, double x2, double y2, String cssClass) {
    return append(parent, "line")
        .attr("x1", num(x1))
        .attr("y1", num(y1))
        .attr("x2", num(x2))
        .attr("y2", num(y2))
        .attr("class", cssClass);
  }

  public static Element rect(
      Element parent, double x, double y, double width, double height, String cssClass) {
    return append(parent, "rect")
        .attr("x", num(x))
        .attr("y", num(y))
        .attr("width", num(Math.max(0, width)))
        .attr("height", num(Math.max(0, height)))
        .attr("class", cssClass);
  }

  public static Element circle(Element parent, double cx, double cy, double r, String cssClass) {
    return append(parent, "circle")
        .attr("cx", num(cx))
        .attr("cy", num(cy))
        .attr("r", num(r))
        .attr("class", cssClass);
  }

  /** A text label; {@code anchor} is start, middle or end. */
  public static Element text(
      Element parent, double x, double y, String text, String anchor, String cssClass) {
    return append(parent, "text")
        .attr("x", num(x))
        .attr("y", num(y))
        .attr("text-anchor", anchor)
        .attr("class", cssClass)
        .text(text);
  }

  /** A group. */
  public static Element group(Element parent, String cssClass) {
    return append(parent, "g").attr("class", cssClass);
  }

  /** A number for an SVG attribute: at most two decimals, dot separator. */
  public static String num(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("cannot place an SVG element at " + value);
    }
    String s = String.format(Locale.ROOT, "%.2f", value);
    // trim trailing zeros: "12.50" -> "12.5", "12.00" -> "12"
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
