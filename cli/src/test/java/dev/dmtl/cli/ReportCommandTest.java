package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.parquet.testing.SyntheticRun;
import dev.dmtl.reports.examples.FileExampleImages;
import dev.dmtl.reports.testing.AuditFixture;
import dev.dmtl.testdata.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-11-21T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ReportCommand(new FileExampleImages(), CLOCK));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void writesTheReportAndItsCsvFilesFromAnAuditJson() throws Exception {
    Path audit = dir.resolve("audit.json");
    AuditJson.write(AuditFixture.labelled(), audit, true);
    assertEquals(0, run(audit.toString(), "--out", dir.resolve("r").toString()), err.toString());
    Path html = dir.resolve("r/report.html");
    assertTrue(Files.isRegularFile(html));
    for (String csv :
        List.of(
            "summary",
            "coverage",
            "dead_letters",
            "confusion",
            "group_metrics",
            "gaps",
            "rules",
            "inputs",
            "provenance",
            "attributes")) {
      assertTrue(Files.isRegularFile(dir.resolve("r/" + csv + ".csv")), csv);
    }
    assertTrue(out.toString().startsWith("wrote " + html + " and 10 CSV files"), out.toString());
    Document doc = Jsoup.parse(Files.readString(html, StandardCharsets.UTF_8));
    // the audit JSON round trip keeps the numbers: the fixture's gender accuracy 0.91234 is written
    // 0.912
    assertEquals(
        "0.912",
        doc.select("#summary .card").stream()
            .filter(c -> c.selectFirst(".label").text().equals("gender accuracy"))
            .findFirst()
            .orElseThrow()
            .selectFirst(".value")
            .text());
    assertTrue(doc.select("img").isEmpty(), "no face image by default");
    // the provenance names the audit file and the fixed clock
    assertTrue(
        Files.readString(dir.resolve("r/provenance.csv"))
            .contains("report.generated_at,2025-11-21T12:00:00Z"));
  }

  @Test
  void defaultsToAReportFolderNextToTheAudit() throws Exception {
    Path audit = dir.resolve("audit.json");
    AuditJson.write(AuditFixture.labelFree(), audit, false);
    assertEquals(0, run(audit.toString()), err.toString());
    assertTrue(Files.isRegularFile(dir.resolve("report/report.html")));
  }

  @Test
  void embedsExamplesOnlyWhenAskedAndOnlyFromTheAuditedFiles() throws Exception {
    Path predictions = SyntheticRun.writeSample(dir, TestData.utkfaceSample(), 3L);
    AuditResult audit =
        new Auditor(
                AuditOptions.defaults()
                    .withLabelSource(LabelOrigin.UTKFACE_NAMES)
                    .withResamples(50)
                    .withThreads(1)
                    .withMinGroupSize(10),
                CLOCK)
            .audit(new AuditInputs(List.of(predictions), List.of()));
    Path json = dir.resolve("audit.json");
    AuditJson.write(audit, json, false);
    assertEquals(
        0,
        run(json.toString(), "--out", dir.resolve("r").toString(), "--include-examples", "2"),
        err.toString());
    Document doc =
        Jsoup.parse(Files.readString(dir.resolve("r/report.html"), StandardCharsets.UTF_8));
    assertEquals(
        6, doc.select("#examples img[src^=data:image/png;base64,]").size(), "2 per task, 3 tasks");
    assertTrue(
        doc.selectFirst("#examples .notice.privacy").text().contains("6 downscaled photographs"));
    assertTrue(out.toString().contains("embeds 6 face images"));

    // a prediction file that is not the audited one is refused
    Path other =
        SyntheticRun.write(
                Files.createDirectories(dir.resolve("other")),
                SyntheticRun.Options.realistic(50, 9L))
            .predictions();
    int code =
        run(
            json.toString(),
            "--out",
            dir.resolve("r2").toString(),
            "--include-examples",
            "1",
            "--predictions",
            other.toString());
    assertNotEquals(0, code);
    assertTrue(err.toString().contains("is not one the audit read"), err.toString());
    assertTrue(Files.notExists(dir.resolve("r2/report.html")));
  }

  @Test
  void refusesWhatIsNotAnAudit() throws Exception {
    Path notAudit = dir.resolve("x.json");
    Files.writeString(notAudit, "{\"schema\":\"something-else\"}");
    assertNotEquals(0, run(notAudit.toString()));
    assertTrue(err.toString().contains("not an audit JSON written by dmtl audit"), err.toString());
    assertNotEquals(0, run(dir.resolve("missing.json").toString()));
    assertTrue(err.toString().contains("audit file not found"), err.toString());
    assertEquals(2, run(notAudit.toString(), "--include-examples", "-1"));
    Path audit = dir.resolve("audit.json");
    AuditJson.write(AuditFixture.labelFree(), audit, false);
    assertNotEquals(0, run(audit.toString(), "--out", dir.toString()));
    assertTrue(err.toString().contains("is the audit's folder"), err.toString());
  }
}
