package dev.dmtl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.parquet.testing.SyntheticRun;
import dev.dmtl.reports.ReportInputException;
import dev.dmtl.reports.examples.FileExampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit and report steps on a synthetic run, and what they refuse. */
class AppStepsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void auditThenReportWriteWhatTheyReturn() throws Exception {
    SyntheticRun.Files run = SyntheticRun.write(dir, SyntheticRun.Options.realistic(400, 5));
    AuditStep.Outcome audit =
        new AuditStep(CLOCK)
            .run(
                new AuditStep.Request(
                    List.of(dir),
                    AuditOptions.defaults().withResamples(20).withThreads(1),
                    dir.resolve("audit"),
                    false));
    assertEquals(
        audit.result(), AuditJson.read(audit.json()), "the JSON holds exactly the returned result");
    assertEquals(dir.resolve("audit").resolve(AuditStep.AUDIT_JSON), audit.json());
    assertFalse(audit.csv().isEmpty());
    assertEquals(
        run.deadLetterRows(),
        audit.result().deadLetterReasons().stream().mapToLong(r -> r.count()).sum(),
        "every dead letter has its reason in the result");

    ReportStep.Outcome report =
        new ReportStep(new FileExampleImages(), CLOCK)
            .run(
                new ReportStep.Request(
                    audit.result(), audit.json(), null, null, dir.resolve("report"), 0, List.of()));
    assertTrue(Files.isRegularFile(report.files().html()));
    assertTrue(
        Files.readString(report.files().html(), StandardCharsets.UTF_8).contains("NoFaceFound"),
        "the dead-letter reasons reach the report from the audit result alone");
    assertEquals(0, report.embeddedImages());
  }

  @Test
  void aMissingInputOrAFileThatIsNotParquetIsBadInput() throws Exception {
    AuditStep step = new AuditStep(CLOCK);
    BadInputException missing =
        assertThrows(
            BadInputException.class,
            () ->
                step.run(
                    new AuditStep.Request(
                        List.of(dir.resolve("nope.parquet")),
                        AuditOptions.defaults(),
                        dir.resolve("a"),
                        false)));
    assertEquals("input not found: " + dir.resolve("nope.parquet"), missing.getMessage());
    Path text = Files.writeString(dir.resolve("x.parquet"), "not parquet");
    BadInputException notParquet =
        assertThrows(
            BadInputException.class,
            () ->
                step.run(
                    new AuditStep.Request(
                        List.of(text), AuditOptions.defaults(), dir.resolve("a"), false)));
    assertTrue(
        notParquet.getMessage().startsWith("cannot read the Parquet footer of " + text),
        notParquet.getMessage());
  }

  @Test
  void theReportRefusesToOverwriteTheAuditsOwnFolder() throws Exception {
    SyntheticRun.write(dir, SyntheticRun.Options.realistic(100, 6));
    AuditStep.Outcome audit =
        new AuditStep(CLOCK)
            .run(
                new AuditStep.Request(
                    List.of(dir),
                    AuditOptions.defaults().withResamples(0),
                    dir.resolve("audit"),
                    false));
    ReportInputException e =
        assertThrows(
            ReportInputException.class,
            () ->
                new ReportStep(new FileExampleImages(), CLOCK)
                    .run(
                        new ReportStep.Request(
                            audit.result(),
                            audit.json(),
                            null,
                            null,
                            dir.resolve("audit"),
                            0,
                            List.of())));
    assertTrue(e.getMessage().contains("is the audit's folder"), e.getMessage());
  }

  @Test
  void theEvaluationReportKeepsItsFlatShape() {
    Evaluation.Report report =
        new Evaluation.Report(
            "/data",
            "test",
            10,
            1,
            "decades",
            "rank",
            0.95,
            100,
            Map.of("age_mae", new Evaluation.Value(5.1, 4.9, 5.3, 10)));
    JsonNode json = DmtlJson.tree(report);
    assertEquals(5.1, json.path("age_mae").path("value").asDouble(), 0);
    assertEquals(1, json.path("dead_letters").asInt());
    assertFalse(
        json.has("metrics"), "metrics are top-level fields, as dmtl export and inspect read them");
  }
}
