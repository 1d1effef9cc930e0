package dev.dmtl.reports.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.testing.RealisticReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realistic report (with a model that has a training history) printed to PDF by the production
 * {@link PdfPrinter}, read back with poppler's {@code pdftotext} and {@code pdftohtml}: every table
 * header of the HTML is in the PDF's text (no column cut off), the body text is not shrunk to fit
 * wide tables, the PDF is tagged and has an outline from the headings, and the footer names the run
 * and the pages. Skipped, with the reason, when Chromium or poppler-utils is missing.
 */
class PrintedReportTest {

  /** Where the PDF is left for people to look at (reports/target/). */
  static final Path OUT = Path.of("target", "printed-report");

  private static final Pattern BBOX_WORD =
      Pattern.compile(
          "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>");

  @BeforeAll
  static void needsChromiumAndPoppler() {
    Assumptions.assumeTrue(
        Chromium.onPath().isPresent(),
        "Chromium is not installed (apt-get install -y chromium): the PDF test is SKIPPED, not"
            + " passed");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/pdftotext")),
        "pdftotext is not installed (apt-get install -y poppler-utils): the PDF test is SKIPPED,"
            + " not passed");
  }

  @Test
  void everyColumnIsPrintedAtFullSizeWithAnOutlineAndFooter() throws Exception {
    Files.createDirectories(OUT);
    Path html = ReportWriter.write(RealisticReport.input(OUT, 0), OUT).html();
    Document doc = Jsoup.parse(html.toFile(), "UTF-8");
    Path pdf =
        new PdfPrinter(Chromium.onPath().orElseThrow())
            .print(html, OUT.resolve(PdfPrinter.PDF_NAME), "audit run 2025-11-21T08:00:00Z");

    // every header, in content order (cells are drawn one after the other), whitespace and
    // hyphens taken out: a header wrapped inside its cell still matches
    String text = squeeze(run("pdftotext", "-raw", pdf.toString(), "-"));
    Set<String> headers = new TreeSet<>();
    for (Element th : doc.select("th")) {
      headers.add(th.text());
    }
    assertTrue(headers.contains("val. race accuracy"), "the fixture has a training history");
    List<String> missing =
        headers.stream().filter(h -> !text.contains(squeeze(h))).collect(Collectors.toList());
    assertEquals(List.of(), missing, "table headers missing from the PDF");

    // body text keeps its size: paragraph words are no smaller than 9 pt text printed alike
    double body = median(heights(pdf, paragraphWords(doc)));
    double nine = median(heights(calibration(9), Set.of("calibration")));
    assertTrue(
        body >= nine - 0.05,
        "paragraph words are " + body + " pt high, 9 pt text is " + nine + " pt: shrunk to fit");

    String info = run("pdfinfo", pdf.toString());
    assertTrue(info.matches("(?s).*Tagged:\\s+yes.*"), info);
    assertTrue(info.matches("(?s).*Page size:\\s+59[45][.0-9]* x 84[12].*"), "A4: " + info);
    // the outline (bookmarks) from the headings: pdftohtml writes it into its XML
    String xml = run("pdftohtml", "-xml", "-i", "-stdout", "-q", pdf.toString());
    assertTrue(xml.contains("<outline>"), "no document outline");
    for (Element h2 : doc.select("section.report-section > h2")) {
      String title = h2.text();
      assertTrue(
          squeeze(xml).contains(squeeze(Jsoup.parse(title).text())), "outline lacks " + title);
    }
    // the footer on every page: the run and "page X of Y"
    int pages = Integer.parseInt(info.replaceAll("(?s).*Pages:\\s+(\\d+).*", "$1"));
    String plain = run("pdftotext", pdf.toString(), "-");
    assertTrue(plain.contains("page 1 of " + pages), "footer page numbers");
    assertTrue(plain.contains("page " + pages + " of " + pages), "footer page numbers");
    assertEquals(
        pages,
        plain.split("audit run 2025-11-21T08:00:00Z", -1).length - 1,
        "the run in every footer");
  }

  /** Words of the report's paragraphs that no table, chart or list uses: body text only. */
  private static Set<String> paragraphWords(Document doc) {
    Set<String> other = new TreeSet<>();
    for (Element e : doc.select("table, svg, li, dd, h1, h2, h3, h4, caption, figcaption")) {
      other.addAll(List.of(e.text().split("\\s+")));
    }
    Set<String> words = new TreeSet<>();
    for (Element p : doc.select("section p")) {
      for (String w : p.text().split("\\s+")) {
        if (w.length() >= 4 && !other.contains(w)) {
          words.add(w);
        }
      }
    }
    assertFalse(words.size() < 50, "too few paragraph words to measure: " + words);
    return words;
  }

  /** The heights (pt) of the PDF's word boxes whose text is one of {@code words}. */
  private static List<Double> heights(Path pdf, Set<String> words)
      throws IOException, InterruptedException {
    Matcher m = BBOX_WORD.matcher(run("pdftotext", "-bbox", pdf.toString(), "-"));
    List<Double> heights = new ArrayList<>();
    while (m.find()) {
      if (words.contains(m.group(5))) {
        heights.add(Double.parseDouble(m.group(4)) - Double.parseDouble(m.group(2)));
      }
    }
    assertFalse(heights.isEmpty(), "no word of " + words.size() + " found in " + pdf);
    return heights;
  }

  /** A page of the word "calibration" at {@code points} pt in the report's fonts, printed alike. */
  private static Path calibration(int points) throws IOException {
    Path html = OUT.resolve("calibration-" + points + "pt.html");
    String css = Files.readString(Path.of("src/main/resources/dev/dmtl/reports/report.css"));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      body.append("calibration ");
    }
    Files.writeString(
        html,
        "<!doctype html><html><head><style>"
            + css
            + "</style></head><body><main class=\"page\"><p style=\"font-size:"
            + points
            + "pt\">"
            + body
            + "</p></main></body></html>",
        StandardCharsets.UTF_8);
    return new PdfPrinter(Chromium.onPath().orElseThrow())
        .print(html, OUT.resolve("calibration-" + points + "pt.pdf"), "calibration");
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Text without whitespace and hyphens: a cell may wrap at a space or after a hyphen ("20-" and
   * "29" on two lines) and pdftotext cannot tell a hyphen that ended a line from one in the word.
   */
  static String squeeze(String s) {
    return s.replaceAll("[\\s\u00ad-]+", "");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    int rc = p.waitFor();
    String text = new String(out, StandardCharsets.UTF_8);
    if (rc != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + rc + ": " + text);
    }
    return text;
  }
}
