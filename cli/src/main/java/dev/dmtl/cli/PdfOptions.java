package dev.dmtl.cli;

import dev.dmtl.app.ReportStep;
import dev.dmtl.reports.pdf.BrowserUnavailableException;
import dev.dmtl.reports.pdf.Chromium;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --pdf} and {@code --chromium}, shared by {@code dmtl report} and {@code dmtl run}: the
 * report also printed to {@code report.pdf} by headless Chromium.
 */
final class PdfOptions {

  @Option(
      names = "--pdf",
      description =
          "Also write report.pdf next to report.html, printed by headless Chromium (Debian's package "
              + "'chromium'; no network needed): A4, every table column kept at full size, tagged, "
              + "bookmarks from the headings, page X of Y and the audit run in the footer. Without "
              + "Chromium: exit 3 after the HTML is written.")
  boolean pdf;

  @Option(
      names = "--chromium",
      paramLabel = "PATH",
      description =
          "The Chromium (or Chrome) executable for --pdf. Default: $"
              + Chromium.ENV
              + ", else /usr/bin/chromium, else 'chromium' on the PATH.")
  Path chromium;

  /** Prints the report to PDF when {@code --pdf} was given, and says where. */
  void print(ReportStep.Outcome report, PrintWriter out)
      throws BrowserUnavailableException, IOException {
    if (!pdf) {
      return;
    }
    out.flush();
    Path written = ReportStep.printPdf(report, chromium);
    out.println("wrote " + written);
  }
}
