package dev.dmtl.reports.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.testing.ComparedRuns;
import dev.dmtl.reports.testing.RealisticReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's Chromium, headless, networking off. The page must load
 * with zero failed requests, zero console errors and no request that leaves the file; screenshots
 * (screen and print) and a PDF are saved under {@code target/} for people to look at. Skipped, with
 * the reason, only when Chromium is not installed.
 */
class ReportBrowserTest {

  /** Where the screenshots go (reports/target/). */
  static final Path OUT = Path.of("target");

  @BeforeAll
  static void needsChromium() {
    Assumptions.assumeTrue(
        HeadlessBrowser.available(),
        "Chromium is not installed at "
            + HeadlessBrowser.CHROMIUM
            + " (apt-get install -y chromium): the browser test is SKIPPED, not passed");
  }

  @Test
  void realisticReportLoadsOfflineWithoutErrorsAndIsScreenshotted() throws Exception {
    Path dir = OUT.resolve("browser-report");
    Files.createDirectories(dir);
    ReportInput input = RealisticReport.input(dir, 4);
    Path html = ReportWriter.write(input, dir).html().toAbsolutePath();
    // one request per distinct image: a face that is among the worst of two tasks is one data URI
    long distinctCrops =
        input.examples().stream()
            .filter(e -> e.crop().available())
            .map(e -> java.util.Arrays.toString(e.crop().png()))
            .distinct()
            .count();
    try (HeadlessBrowser browser = HeadlessBrowser.start()) {
      HeadlessBrowser.Page page = browser.newPage();
      HeadlessBrowser.PageLoad load = page.load(html, 1280, 900);
      assertEquals(List.of(), load.failedRequests(), "failed requests");
      assertEquals(List.of(), load.consoleErrors(), "console errors");
      assertEquals(html.toUri().toString(), load.requests().get(0));
      for (String url : load.requests()) {
        assertTrue(
            url.startsWith("file:") || url.startsWith("data:image/png;base64,"),
            "request outside the file: " + url.substring(0, Math.min(80, url.length())));
      }
      assertEquals(12, input.examples().size(), "4 examples for 3 tasks");
      assertEquals(
          distinctCrops, load.requests().stream().filter(u -> u.startsWith("data:")).count());
      // laid out: every chart has a size on screen, the examples' images decoded
      assertEquals(
          0,
          page.evaluate(
                  "[...document.querySelectorAll('svg.chart')]"
                      + ".filter(s => s.getBoundingClientRect().width < 300).length")
              .asInt());
      // 6 CS curves (all faces and 5 attributes), 3 × 5 metric bars, 5 coverage bars, 4
      // training-history charts, 7 reliability diagrams (gender and race: overall and worst
      // groups; age: thresholds overall and worst groups, expected age)
      assertEquals(37, page.evaluate("document.querySelectorAll('svg.chart').length").asInt());
      // the new sections are laid out and visible, their charts drawn with the diagonal
      for (String id : List.of("attributes", "error-rates", "calibration")) {
        assertTrue(
            page.evaluate(
                    "(() => { const r = document.getElementById('"
                        + id
                        + "').getBoundingClientRect(); return r.height > 200 && r.width > 600; })()")
                .asBoolean(),
            id + " is visible");
      }
      assertEquals(
          7,
          page.evaluate("document.querySelectorAll('#calibration svg.chart line.diagonal').length")
              .asInt());
      assertTrue(
          page.evaluate(
                  "[...document.querySelectorAll('#calibration svg.chart polyline.line')]"
                      + ".every(l => l.getBBox().width > 20)")
              .asBoolean(),
          "every reliability line spans part of the plot");
      assertTrue(
          page.evaluate("document.querySelector('#attributes').innerText.includes('lux=q5')")
              .asBoolean());
      assertTrue(
          page.evaluate("document.querySelectorAll('#gaps .badge.status-flagged').length > 0")
              .asBoolean(),
          "the synthetic run's dim photos flag differences");
      // nothing is wider than the window: wide tables scroll inside their own box
      assertEquals(
          0,
          page.evaluate(
                  "document.documentElement.scrollWidth - document.documentElement.clientWidth")
              .asInt(),
          "horizontal overflow");
      // every crop decoded, its longer side 64 px (face boxes need not be square)
      assertEquals(
          12,
          page.evaluate(
                  "[...document.images].filter(i => i.complete"
                      + " && Math.max(i.naturalWidth, i.naturalHeight) == 64).length")
              .asInt());
      // the CSP is in force: no script could run even if one slipped in
      assertEquals(
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
          page.evaluate(
                  "document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
              .asText());

      Path full = page.screenshot(OUT.resolve("report-screenshot.png"), 0);
      Path top = page.screenshot(OUT.resolve("report-screenshot-top.png"), 1700);
      assertTrue(Files.size(full) > 100_000 && Files.size(top) > 50_000, "screenshots written");
      byte[] pdf = page.pdf();
      Files.write(OUT.resolve("report.pdf"), pdf);
      assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.ISO_8859_1));
      page.media("print");
      page.screenshot(OUT.resolve("report-print-top.png"), 1700);
      // print: the table of contents stays, backgrounds are white, each major section starts a page
      assertEquals(
          "page",
          page.evaluate("getComputedStyle(document.getElementById('coverage')).breakBefore")
              .asText());
      assertEquals(
          "rgb(255, 255, 255)",
          page.evaluate("getComputedStyle(document.body).backgroundColor").asText());
    }
  }

  @Test
  void labelledReportPassesAxeAndReflowsAtPhoneWidth() throws Exception {
    Path dir = OUT.resolve("browser-axe-labelled");
    Files.createDirectories(dir);
    assertAccessible(RealisticReport.input(dir, 4, ModeChoice.AUTO), dir);
  }

  @Test
  void labelFreeReportPassesAxeAndReflowsAtPhoneWidth() throws Exception {
    Path dir = OUT.resolve("browser-axe-label-free");
    Files.createDirectories(dir);
    assertAccessible(RealisticReport.input(dir, 4, ModeChoice.LABEL_FREE), dir);
  }

  /**
   * The realistic report with a saliency section (no --include-examples): the small multiples are
   * laid out at their size, the page passes axe at 1280 and 390 px, and a screenshot of the section
   * is kept for people to look at.
   */
  @Test
  void saliencySectionIsDrawnAndPassesAxe() throws Exception {
    Path dir = OUT.resolve("browser-saliency");
    Files.createDirectories(dir);
    ReportInput plain = RealisticReport.input(dir, 0);
    ReportInput input =
        new ReportInput(
            dev.dmtl.reports.testing.SaliencyFixture.with(plain.audit()),
            plain.model(),
            plain.examples(),
            plain.run(),
            plain.changes());
    assertAccessible(input, dir);
    Path html = ReportWriter.write(input, dir).html().toAbsolutePath();
    try (HeadlessBrowser browser = HeadlessBrowser.start()) {
      HeadlessBrowser.Page page = browser.newPage();
      HeadlessBrowser.PageLoad load = page.load(html, 1280, 900);
      assertEquals(List.of(), load.failedRequests(), "failed requests");
      assertEquals(List.of(), load.consoleErrors(), "console errors");
      assertTrue(
          page.evaluate(
                  "[...document.querySelectorAll('#saliency svg.saliency')].every(s => {"
                      + " const r = s.getBoundingClientRect();"
                      + " return r.width > 90 && r.width < 100 && r.height > 90; })")
              .asBoolean(),
          "every map is drawn at 96 px");
      assertTrue(
          page.evaluate("document.querySelectorAll('#saliency svg.saliency').length").asInt() > 20);
      double top =
          page.evaluate(
                  "document.getElementById('saliency').getBoundingClientRect().top + window.scrollY")
              .asDouble();
      page.clip(OUT.resolve("report-saliency.png"), top, 1400, 1280);
    }
  }

  /**
   * The report of the realistic audit with a comparison computed from two synthetic runs: the "What
   * changed" section is laid out right after the summary, visible, its verdicts in words, and the
   * page still passes axe at both widths.
   */
  @Test
  void whatChangedSectionIsVisibleAndPassesAxe() throws Exception {
    Path dir = OUT.resolve("browser-what-changed");
    Files.createDirectories(dir);
    ReportInput input =
        RealisticReport.input(dir, 0).withChanges(ComparedRuns.compare(dir.resolve("runs")));
    Path html = ReportWriter.write(input, dir).html().toAbsolutePath();
    try (HeadlessBrowser browser = HeadlessBrowser.start()) {
      HeadlessBrowser.Page page = browser.newPage();
      HeadlessBrowser.PageLoad load = page.load(html, 1280, 900);
      assertEquals(List.of(), load.failedRequests(), "failed requests");
      assertEquals(List.of(), load.consoleErrors(), "console errors");
      assertTrue(
          page.evaluate(
                  "(() => { const s = document.getElementById('changes');"
                      + " const r = s.getBoundingClientRect();"
                      + " return r.height > 200 && r.width > 600"
                      + " && getComputedStyle(s).visibility === 'visible'"
                      + " && s.previousElementSibling.id === 'summary'; })()")
              .asBoolean(),
          "the What changed section is visible after the summary");
      String text = page.evaluate("document.getElementById('changes').innerText").asText();
      assertTrue(text.contains("What changed"), text);
      assertTrue(text.contains("gender accuracy"), text);
      assertTrue(text.contains("WORSE"), "8 % of the gender answers flipped: " + text);
      assertTrue(text.contains("paired bootstrap"), text);
      double top =
          page.evaluate(
                  "document.getElementById('changes').getBoundingClientRect().top + window.scrollY")
              .asDouble();
      double height =
          page.evaluate("document.getElementById('changes').getBoundingClientRect().height")
              .asDouble();
      page.clip(OUT.resolve("report-what-changed.png"), top, height, 1280);
    }
    assertAccessible(input, dir);
  }

  /**
   * axe-core's WCAG 2.1 A and AA rules find nothing at a desktop width (1280 px) and a phone width
   * (390 px), and at the phone width nothing is wider than the window (WCAG 1.4.10, reflow): wide
   * tables scroll inside their own keyboard-reachable box.
   */
  private static void assertAccessible(ReportInput input, Path dir) throws Exception {
    Path html = ReportWriter.write(input, dir).html().toAbsolutePath();
    List<String> problems = new ArrayList<>();
    try (HeadlessBrowser browser = HeadlessBrowser.start()) {
      for (int width : new int[] {1280, 390}) {
        HeadlessBrowser.Page page = browser.newPage();
        page.load(html, width, 900);
        for (String v : Axe.violations(page)) {
          problems.add(width + " px: " + v);
        }
        int overflow =
            page.evaluate("document.documentElement.scrollWidth - window.innerWidth").asInt();
        if (overflow > 0) {
          problems.add(width + " px: the page is " + overflow + " px wider than the window");
        }
      }
    }
    assertEquals(List.of(), problems, () -> String.join("\n", problems));
  }

  @Test
  void theHarnessSeesFailedRequestsAndConsoleErrors() throws Exception {
    // a negative control: if this page passed, the checks above could not fail
    Path page = Files.createTempDirectory("dmtl-browser-negative").resolve("bad.html");
    Files.writeString(
        page,
        "<!doctype html><html><head><title>bad</title></head><body>"
            + "<img src=\"http://example.invalid/x.png\" alt=\"remote\">"
            + "<img src=\"missing-local.png\" alt=\"missing\">"
            + "<script>console.error('boom')</script></body></html>",
        StandardCharsets.UTF_8);
    try (HeadlessBrowser browser = HeadlessBrowser.start()) {
      HeadlessBrowser.PageLoad load = browser.newPage().load(page, 800, 600);
      assertEquals(2, load.failedRequests().size(), load.toString());
      assertTrue(
          load.consoleErrors().stream().anyMatch(e -> e.contains("boom")),
          load.consoleErrors().toString());
      assertTrue(load.requests().contains("http://example.invalid/x.png"));
    }
  }

  @Test
  void theReportsPolicyBlocksWhatADocumentMightSmuggleIn(@TempDir Path tmp) throws Exception {
    // the same policy on a page that tries a script and a remote image: both refused, and reported
    Path page = tmp.resolve("csp.html");
    Files.writeString(
        page,
        "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""
            + dev.dmtl.reports.html.HtmlReport.CONTENT_SECURITY_POLICY
            + "\"><title>csp</title></head><body>"
            + "<script>document.title='ran'</script><img src=\"http://example.invalid/y.png\" alt=\"\"></body></html>",
        StandardCharsets.UTF_8);
    try (HeadlessBrowser browser = HeadlessBrowser.start()) {
      HeadlessBrowser.Page p = browser.newPage();
      HeadlessBrowser.PageLoad load = p.load(page, 800, 600);
      assertEquals("csp", p.evaluate("document.title").asText(), "the inline script did not run");
      assertFalse(
          load.consoleErrors().isEmpty(), "the browser reports the refused script and image");
      assertFalse(
          load.requests().contains("http://example.invalid/y.png")
              && load.failedRequests().isEmpty());
    }
  }
}
