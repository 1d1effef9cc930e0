package dev.dmtl.reports.html;

import java.util.List;
import org.jsoup.nodes.Element;

/**
 * The "How to read this report" box at the top, for a reader who knows no statistics: what the
 * ranges in brackets are, what "insufficient" means, what the verdict rests on. One text for every
 * report, labelled or label-free, written here once; nothing in it depends on the run, so the run's
 * own numbers (confidence level, minimum group size) are pointed to, not repeated.
 */
final class ReadingGuide {

  /** The element's id, which a test and the table of contents can point to. */
  static final String ID = "how-to-read";

  /** A term and what it means, in the order a reader meets them. */
  record Entry(String term, String meaning) {}

  static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "Numbers with a range, e.g. 0.91 [0.89, 0.93]",
              "The first number is what was measured on these photos. The range in brackets is"
                  + " how far it could be off because only these photos were looked at: with other"
                  + " photos of the same kind the number would most likely fall inside it (the"
                  + " header's Bootstrap line gives how likely, usually 95 in 100). A wide range"
                  + " means few photos; if two groups' ranges overlap, their difference may be"
                  + " chance."),
          new Entry(
              "insufficient",
              "The group has too few photos to measure fairly (the minimum is under Method), so"
                  + " the report shows its size instead of a number. It is neither good nor bad:"
                  + " the audit cannot tell, and more photos of that group are needed."),
          new Entry(
              "The verdict (PASS, FAIL, …)",
              "It rests only on the rules the auditor chose before the audit (--fail-on, such as"
                  + " \"accuracy may differ between races by at most 0.05\"). Without rules, and"
                  + " always when the photos had no true labels (label-free), the report describes"
                  + " and does not judge."),
          new Entry(
              "FLAGGED",
              "A group differs from its reference group (named in the tables) by more than chance"
                  + " would explain, even allowing for the many comparisons made. It is a lead to look"
                  + " into, not a verdict."));

  private ReadingGuide() {}

  /** Appends the box to {@code parent}. */
  static Element render(Element parent) {
    Element box =
        parent
            .appendElement("aside")
            .addClass("how-to-read")
            .attr("id", ID)
            .attr("aria-labelledby", ID + "-heading");
    box.appendElement("h2").attr("id", ID + "-heading").text("How to read this report");
    Element dl = box.appendElement("dl");
    for (Entry e : ENTRIES) {
      dl.appendElement("dt").text(e.term());
      dl.appendElement("dd").text(e.meaning());
    }
    return box;
  }
}
