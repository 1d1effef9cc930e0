package dev.dmtl.reports.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    byte[] bytes;
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
      JsonNode result = devtools.call(page, "Page.printToPDF", options(footer));
      bytes = Base64.getDecoder().decode(result.path("data").asText());
    }
    Path tmp = pdf.resolveSibling(pdf.getFileName() + ".part");
    Files.write(tmp, bytes);
    // a half-written PDF never carries the final name
    Files.move(tmp, pdf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return pdf;
  }

  /** The {@code Page.printToPDF} parameters. */
  public static ObjectNode options(String footer) {
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
        .put("transferMode", "ReturnAsBase64");
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
