package dev.dmtl.audit.result;

import dev.dmtl.audit.config.AuditOptions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where an audit's numbers come from: enough to reproduce them.
 *
 * @param toolVersion version of dmtl that ran the audit
 * @param createdAt when the audit ran (UTC)
 * @param inputs every file read, with its SHA-256
 * @param modelSha256 the model's SHA-256 from the prediction files' footer, or null when absent
 * @param taskSource where the task list came from
 * @param options every option (the bootstrap seed is {@code options.seed()})
 */
public record Provenance(String toolVersion, Instant createdAt, List<InputFile> inputs, String modelSha256,
    TaskSource taskSource, AuditOptions options) {

  public Provenance {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(taskSource, "taskSource");
    Objects.requireNonNull(options, "options");
  }
}
