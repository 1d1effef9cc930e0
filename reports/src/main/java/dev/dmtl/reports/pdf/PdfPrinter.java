package dev.dmtl.reports.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Entities;

/**
 * Prints the HTML report to PDF with headless Chromium ({@code Page.printToPDF}), through the
 * report's own print stylesheet: A4 pages (landscape where a section asks for it), tagged for
 * screen readers, a document outline (bookmarks) from the headings, and a footer with the page
 * number, the page count and the audit run.
 */
public final class PdfPrinter {

  /** The PDF's file name, next to {@code report.html}. */
  public static final String PDF_NAME = "report.pdf";

  /** Bytes per {@code IO.read}: 1 MiB, well under Jackson's 20 MB string limit as base64. */
  private static final int CHUNK = 1 << 20;

  private final Path chromium;

  /**
   * @param chromium the browser executable (see {@link Chromium#locate(Path)})
   */
  public PdfPrinter(Path chromium) {
    this.chromium = Objects.requireNonNull(chromium, "chromium");
  }

  /**
   * Prints {@code html} to {@code pdf}, replacing it.
   *
   * @param footer what the footer says besides the page numbers (e.g. the audit run), plain text
   * @return {@code pdf}
   */
  public Path print(Path html, Path pdf, String footer) throws IOException {
    Objects.requireNonNull(footer, "footer");
    try (Chromium browser = Chromium.start(chromium)) {
      DevToolsConnection devtools = browser.devtools();
      String page = browser.newPage();
      devtools.call(page, "Page.enable", null);
      CompletableFuture<JsonNode> loaded = devtools.next("Page.loadEventFired");
      devtools.call(
          page,
          "Page.navigate",
          DevToolsConnection.params().put("url", html.toAbsolutePath().toUri().toString()));
      DevToolsConnection.await(loaded, "Page.loadEventFired");
      printPage(devtools, page, pdf, footer);
    }
    return pdf;
  }

  /**
   * Prints the page loaded in DevTools session {@code page} to {@code pdf}, replacing it.
   *
   * @param footer what the footer says besides the page numbers, plain text
   */
  public static void printPage(DevToolsConnection devtools, String page, Path pdf, String footer)
      throws IOException {
    String stream = devtools.call(page, "Page.printToPDF", options(footer)).path("stream").asText();
    Path tmp = pdf.resolveSibling(pdf.getFileName() + ".part");
    copy(devtools, page, stream, tmp);
    // a half-written PDF never carries the final name
    Files.move(tmp, pdf, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads the PDF from its DevTools stream in chunks: a report with many tables is tens of MB as
   * base64, more than one message should carry.
   */
  private static void copy(DevToolsConnection devtools, String page, String stream, Path to)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(to)) {
      boolean eof = false;
      while (!eof) {
        JsonNode chunk =
            devtools.call(
                page,
                "IO.read",
                DevToolsConnection.params().put("handle", stream).put("size", CHUNK));
        String data = chunk.path("data").asText();
        out.write(
            chunk.path("base64Encoded").asBoolean()
                ? Base64.getDecoder().decode(data)
                : data.getBytes(StandardCharsets.ISO_8859_1));
        eof = chunk.path("eof").asBoolean();
      }
    } finally {
      devtools.call(page, "IO.close", DevToolsConnection.params().put("handle", stream));
    }
  }

  /** The {@code Page.printToPDF} parameters. */
  static ObjectNode options(String footer) {
    return DevToolsConnection.params()
        // the stylesheet's @page rules decide size, orientation and margins
        .put("preferCSSPageSize", true)
        .put("printBackground", true)
        .put("generateTaggedPDF", true)
        .put("generateDocumentOutline", true)
        .put("displayHeaderFooter", true)
        // an empty header: Chromium's default prints the title and the date
        .put("headerTemplate", "<span></span>")
        .put("footerTemplate", footerTemplate(footer))
        .put("transferMode", "ReturnAsStream");
  }

  /**
   * The footer: the run on the left, "page X of Y" on the right, 8 pt (the template has no access
   * to the report's stylesheet, and Chromium's default footer font is too small to read).
   */
  static String footerTemplate(String footer) {
    return "<div style=\"font-size:8pt;font-family:sans-serif;color:#3d3d3d;width:100%;"
        + "margin:0 12mm;display:flex;justify-content:space-between;\">"
        + "<span>"
        + Entities.escape(footer)
        + "</span><span>page <span class=\"pageNumber\"></span> of "
        + "<span class=\"totalPages\"></span></span></div>";
  }
}
