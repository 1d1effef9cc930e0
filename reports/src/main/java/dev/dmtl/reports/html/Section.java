package dev.dmtl.reports.html;

import org.jsoup.nodes.Element;

/** One numbered section of the report. */
interface Section {

  /** The element id and anchor, a constant of the code. */
  String id();

  /** The heading. */
  String title();

  /** False to leave the section out (e.g. examples when not asked for). */
  default boolean applies(ReportContext ctx) {
    return true;
  }

  /** Appends the section's content (after its heading) to {@code section}. */
  void render(Element section, ReportContext ctx);
}
