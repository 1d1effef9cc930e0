package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.reports.pdf.Chromium;
import dev.dmtl.reports.testing.AuditFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dmtl report --pdf}: report.pdf next to report.html, and without Chromium one line, exit 3
 * and the HTML still written. Through {@link Dmtl#commandLine()}, so the exit code is the one users
 * get.
 */
class ReportPdfTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Dmtl.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path audit() throws Exception {
    Path audit = dir.resolve("audit.json");
    AuditJson.write(AuditFixture.labelled(), audit, true);
    return audit;
  }

  @Test
  void writesReportPdfNextToTheHtml() throws Exception {
    Assumptions.assumeTrue(
        Chromium.onPath().isPresent(),
        "Chromium is not installed (apt-get install -y chromium): --pdf is SKIPPED, not passed");
    Path r = dir.resolve("r");
    assertEquals(
        0, run("report", audit().toString(), "--out", r.toString(), "--pdf"), err.toString());
    Path pdf = r.resolve("report.pdf");
    assertTrue(Files.isRegularFile(r.resolve("report.html")));
    byte[] head = new byte[5];
    System.arraycopy(Files.readAllBytes(pdf), 0, head, 0, 5);
    assertEquals("%PDF-", new String(head, StandardCharsets.ISO_8859_1));
    assertTrue(out.toString().contains("wrote " + pdf), out.toString());
    assertTrue(Files.notExists(r.resolve("report.pdf.part")), "no partial file left");
  }

  @Test
  void withoutChromiumExitsThreeWithOneLineAndKeepsTheHtml() throws Exception {
    Path r = dir.resolve("r");
    Path missing = dir.resolve("no-such-chromium");
    int code =
        run(
            "report",
            audit().toString(),
            "--out",
            r.toString(),
            "--pdf",
            "--chromium",
            missing.toString());
    assertEquals(ExitCodes.BAD_INPUT, code, err.toString());
    assertEquals(
        "dmtl report: no Chromium to print the PDF: " + missing + " is not an executable file",
        err.toString().strip());
    assertTrue(Files.isRegularFile(r.resolve("report.html")), "the HTML is still written");
    assertTrue(Files.notExists(r.resolve("report.pdf")));
  }

  @Test
  void theHelpNamesTheOptions() {
    assertEquals(0, run("report", "--help"));
    assertTrue(out.toString().contains("--pdf"), out.toString());
    assertTrue(out.toString().contains("--chromium=PATH"), out.toString());
    assertTrue(out.toString().contains(Chromium.ENV), out.toString());
  }
}
