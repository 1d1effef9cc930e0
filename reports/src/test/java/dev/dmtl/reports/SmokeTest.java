package dev.dmtl.reports;

import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import dev.dmtl.reports.testing.AuditFixture;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void writes() throws Exception {
    ReportRun run = new ReportRun("0.1.0-SNAPSHOT", Instant.parse("2025-11-21T10:00:00Z"), "audit.json", null, 0);
    ReportWriter.write(ReportInput.of(AuditFixture.labelled(), run), Path.of("target/smoke"));
    ReportWriter.write(ReportInput.of(AuditFixture.labelFree(), run), Path.of("target/smoke-free"));
  }
}
