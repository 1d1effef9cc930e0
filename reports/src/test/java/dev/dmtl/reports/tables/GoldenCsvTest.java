package dev.dmtl.reports.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import dev.dmtl.reports.testing.AuditFixture;
import dev.dmtl.reports.testing.CalibratedAuditFixture;
import dev.dmtl.reports.testing.ModelFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The small CSV files of the fixed labelled audit, byte for byte against reviewed golden copies in
 * {@code src/test/resources/dev/dmtl/reports/golden/}. After a deliberate change, regenerate them
 * with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenCsvTest {

  @TempDir static Path dir;

  private static Path written;

  private static synchronized Path report() throws IOException {
    if (written == null) {
      ReportRun run =
          new ReportRun(
              "0.1.0-SNAPSHOT",
              Instant.parse("2025-11-21T10:00:00Z"),
              "runs/utk/audit.json",
              "models/dmtl-utkface-96.onnx",
              0);
      written = dir.resolve("golden");
      ReportWriter.write(
          ReportInput.of(AuditFixture.labelled(), run).withModel(ModelFixture.trained()), written);
    }
    return written;
  }

  private static Path calibrated;

  /** The fixture with attributes, calibration, error rates and flags. */
  private static synchronized Path calibratedReport() throws IOException {
    if (calibrated == null) {
      ReportRun run =
          new ReportRun(
              "0.1.0-SNAPSHOT",
              Instant.parse("2025-11-21T10:00:00Z"),
              "runs/utk/audit.json",
              null,
              0);
      calibrated = dir.resolve("calibrated");
      ReportWriter.write(ReportInput.of(CalibratedAuditFixture.build(), run), calibrated);
    }
    return calibrated;
  }

  @ParameterizedTest
  @ValueSource(strings = {"calibration", "reliability", "error_rates", "attributes"})
  void calibratedTablesMatchTheGoldenCopy(String table) throws IOException {
    compare(calibratedReport(), table);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "summary",
        "rules",
        "coverage",
        "dead_letters",
        "inputs",
        "provenance",
        "model_tasks",
        "training_history"
      })
  void matchesTheGoldenCopy(String table) throws IOException {
    compare(report(), table);
  }

  private static void compare(Path report, String table) throws IOException {
    String actual = Files.readString(report.resolve(table + ".csv"), StandardCharsets.UTF_8);
    String resource = "/dev/dmtl/reports/golden/" + table + ".csv";
    if (Boolean.getBoolean("golden.update")) {
      Path target = Path.of("src/test/resources" + resource);
      Files.writeString(target, actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = GoldenCsvTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(
            "no golden copy " + resource + "; run once with -Dgolden.update=true and review it");
      }
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, table + ".csv");
    }
  }

  @Test
  void goldenSummaryHoldsThePinnedNumbers() throws IOException {
    // hand-set in the fixture: gender accuracy 0.91234 [0.90210, 0.92196], age MAE 5.4321 [5.1987,
    // 5.6712]
    String summary = Files.readString(report().resolve("summary.csv"), StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertTrue(
        summary.contains("gender,accuracy,,,3000,0.912,0.902,0.922\r\n"), summary);
    org.junit.jupiter.api.Assertions.assertTrue(
        summary.contains("age,mae,,,3000,5.43,5.20,5.67\r\n"), summary);
    org.junit.jupiter.api.Assertions.assertTrue(
        summary.contains("coverage,coverage,,,3100,0.968,"), summary);
  }
}
