package dev.dmtl.reports.html;

import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.reports.format.NumberStyle;
import java.util.List;
import java.util.Objects;
import org.jsoup.nodes.Element;

/**
 * Building blocks the sections share: tables, number cells with intervals, status badges. Every
 * string goes into the tree with {@link Element#text(String)} or {@link Element#attr}, which jsoup
 * escapes on output.
 */
final class Html {

  private Html() {}

  /**
   * Appends the box a wide table scrolls in, named {@code name} (the table's caption). A box that
   * scrolls must be reachable by keyboard (WCAG 2.1.1), and once focusable it is a region a screen
   * reader announces, so it needs a name; the tab stop is kept even when the table fits, because
   * whether it fits depends on the reader's window.
   */
  static Element scrollBox(Element parent, String name) {
    return parent
        .appendElement("div")
        .addClass("table-wrap")
        .attr("tabindex", "0")
        .attr("role", "region")
        .attr("aria-label", name);
  }

  /**
   * Appends a scrollable table with a caption and header cells; returns its {@code <tbody>}.
   *
   * @param caption required: a table without one is listed unnamed by screen readers
   * @param numeric per header, true to right-align the column
   */
  static Element table(
      Element parent,
      String caption,
      List<String> headers,
      List<Boolean> numeric,
      String cssClass) {
    Objects.requireNonNull(caption, "caption");
    Element table = scrollBox(parent, caption).appendElement("table").addClass("data");
    if (cssClass != null) {
      table.addClass(cssClass);
    }
    table.appendElement("caption").text(caption);
    Element tr = table.appendElement("thead").appendElement("tr");
    for (int i = 0; i < headers.size(); i++) {
      Element th = tr.appendElement("th").attr("scope", "col").text(headers.get(i));
      if (numeric != null && numeric.get(i)) {
        th.addClass("num");
      }
    }
    return table.appendElement("tbody");
  }

  /** A table whose first column is text and the others numbers. */
  static Element table(Element parent, String caption, List<String> headers) {
    List<Boolean> numeric = new java.util.ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      numeric.add(i > 0);
    }
    return table(parent, caption, headers, numeric, null);
  }

  static Element text(Element tr, String text) {
    return tr.appendElement("td").text(text == null ? "" : text);
  }

  static Element rowHeader(Element tr, String text) {
    return tr.appendElement("th").attr("scope", "row").text(text);
  }

  static Element num(Element tr, String text) {
    return tr.appendElement("td").addClass("num").text(text);
  }

  /** A value with its interval below it; {@code [NA, NA]} intervals are left out. */
  static Element estimate(Element tr, Estimate e, NumberStyle style) {
    Element td = tr.appendElement("td").addClass("num");
    td.appendText(style.format(e.value()));
    if (!Double.isNaN(e.lower()) || !Double.isNaN(e.upper())) {
      // the space keeps "0.912 [0.890, 0.931]" apart when read aloud or copied; CSS puts the
      // interval below
      td.appendText(" ");
      td.appendElement("span").addClass("ci").text(interval(e, style));
    }
    return td;
  }

  /**
   * A group metric: value and interval, or a visibly marked "insufficient" cell with the group's
   * size when it is below the minimum.
   */
  static Element metric(Element tr, MetricResult m, NumberStyle style) {
    if (m == null) {
      return tr.appendElement("td").addClass("num").addClass("muted").text("—");
    }
    if (m.insufficient()) {
      Element td = tr.appendElement("td").addClass("num").addClass("insufficient");
      td.appendText("insufficient ");
      td.appendElement("span").addClass("ci").text("n = " + NumberStyle.count(m.n()));
      return td;
    }
    Element td = estimate(tr, m.estimate(), style);
    significance(td, m);
    return td;
  }

  /**
   * Appends to a metric's cell the test of its difference to the reference group, where there was
   * one: {@code p 0.0123, adjusted 0.0480} and, when significant after the correction, a FLAGGED
   * badge (the word, not colour alone, carries it).
   */
  static void significance(Element td, MetricResult m) {
    if (!Double.isNaN(m.pValue())) {
      td.appendText(" ");
      td.appendElement("span").addClass("p-value").text(pValues(m));
    }
    if (m.flagged()) {
      td.appendText(" ");
      flag(td);
    }
  }

  /** {@code p 0.0123, adjusted 0.0480}. */
  static String pValues(MetricResult m) {
    return "p "
        + NumberStyle.P_VALUE.format(m.pValue())
        + ", adjusted "
        + NumberStyle.P_VALUE.format(m.pAdjusted());
  }

  /** The FLAGGED badge: significant after the audit's multiple-comparison correction. */
  static Element flag(Element parent) {
    return badge(parent, "FLAGGED", "status-flagged")
        .attr("title", "significant after the multiple-comparison correction");
  }

  /** {@code [0.890, 0.931]}. */
  static String interval(Estimate e, NumberStyle style) {
    return "[" + style.format(e.lower()) + ", " + style.format(e.upper()) + "]";
  }

  /** A value with its interval on one line: {@code 0.912 [0.890, 0.931]}. */
  static String withInterval(Estimate e, NumberStyle style) {
    if (Double.isNaN(e.lower()) && Double.isNaN(e.upper())) {
      return style.format(e.value());
    }
    return style.format(e.value()) + " " + interval(e, style);
  }

  /** A status badge whose word carries the meaning (colour only repeats it). */
  static Element badge(Element parent, RuleOutcome.Status status) {
    return switch (status) {
      case PASSED -> badge(parent, "PASS", "status-pass");
      case VIOLATED -> badge(parent, "FAIL", "status-fail");
      case NOT_EVALUABLE -> badge(parent, "NOT EVALUABLE", "status-not-evaluable");
    };
  }

  static Element badge(Element parent, String word, String cssClass) {
    return parent.appendElement("span").addClass("badge").addClass(cssClass).text(word);
  }

  /** A two-column key/value table. */
  static void keyValues(Element parent, String caption, List<String[]> rows) {
    Objects.requireNonNull(caption, "caption");
    Element table = scrollBox(parent, caption).appendElement("table").addClass("kv");
    table.appendElement("caption").text(caption);
    Element body = table.appendElement("tbody");
    for (String[] kv : rows) {
      Element tr = body.appendElement("tr");
      tr.appendElement("th").attr("scope", "row").text(kv[0]);
      Element td = tr.appendElement("td").text(kv[1] == null ? "—" : kv[1]);
      if (kv[1] != null && kv[1].matches("[0-9a-f]{64}")) {
        td.addClass("mono");
      }
    }
  }

  static Element paragraph(Element parent, String text) {
    return parent.appendElement("p").text(text);
  }
}
