package dev.dmtl.reports.input;

import java.time.Instant;
import java.util.Objects;

/**
 * About the report itself, for its provenance section.
 *
 * @param toolVersion version of dmtl that wrote the report
 * @param generatedAt when (UTC)
 * @param auditFile the audit JSON the report was made from, as given, or null when built in memory
 * @param modelFile the model file given with {@code --model}, as given, or null
 * @param examplesRequested the {@code --include-examples} count, 0 when off (the default)
 */
public record ReportRun(
    String toolVersion,
    Instant generatedAt,
    String auditFile,
    String modelFile,
    int examplesRequested) {

  public ReportRun {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(generatedAt, "generatedAt");
    if (examplesRequested < 0) {
      throw new IllegalArgumentException(
          "examples requested must be 0 or more, got " + examplesRequested);
    }
  }
}
