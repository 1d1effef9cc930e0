package dev.dmtl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.result.AuditProvenance;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.audit.result.TaskSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PDF footer names the run that wrote the audited predictions, as the issue asks. */
class ReportFooterTest {

  private static AuditProvenance audited(InputFile... files) {
    return new AuditProvenance(
        "0.1.0",
        Instant.parse("2026-12-07T06:00:00Z"),
        List.of(files),
        null,
        TaskSource.FOOTER,
        AuditOptions.defaults());
  }

  private static InputFile predictions(String run) {
    return new InputFile("p-" + run + ".parquet", "ab", InputFile.Kind.PREDICTIONS, 1, run);
  }

  @Test
  void namesTheRunsOfThePredictionFiles() {
    assertEquals(
        "dmtl run 20261207-020442-866e2e29",
        ReportStep.footer(
            audited(
                predictions("20261207-020442-866e2e29"),
                predictions("20261207-020442-866e2e29"),
                new InputFile("a.csv", "cd", InputFile.Kind.ATTRIBUTES, 3))));
    assertEquals(
        "dmtl runs a, b, c and 1 more",
        ReportStep.footer(
            audited(predictions("a"), predictions("b"), predictions("c"), predictions("d"))));
    assertEquals(
        "dmtl audit of 2026-12-07T06:00:00Z",
        ReportStep.footer(
            audited(new InputFile("x.parquet", "ef", InputFile.Kind.PREDICTIONS, 1))));
  }
}
