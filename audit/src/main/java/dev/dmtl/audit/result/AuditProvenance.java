package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.contract.model.SpecFile;
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
 * @param modelSpec the spec file the run applied to the model instead of its metadata ({@code
 *     --spec}), from the footer; null when the model carried its own contract
 */
@JsonPropertyOrder({
  "tool",
  "tool_version",
  "created_at",
  "model_sha256",
  "model_spec",
  "task_source",
  "inputs",
  "options"
})
public record AuditProvenance(
    String toolVersion,
    Instant createdAt,
    List<InputFile> inputs,
    String modelSha256,
    TaskSource taskSource,
    AuditOptions options,
    SpecFile modelSpec) {

  public AuditProvenance {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(taskSource, "taskSource");
    Objects.requireNonNull(options, "options");
  }

  /** Provenance of an audit whose model carried its own contract. */
  public AuditProvenance(
      String toolVersion,
      Instant createdAt,
      List<InputFile> inputs,
      String modelSha256,
      TaskSource taskSource,
      AuditOptions options) {
    this(toolVersion, createdAt, inputs, modelSha256, taskSource, options, null);
  }

  /** Always {@code dmtl}: written so that a file names its writer. */
  @JsonProperty(value = "tool", access = JsonProperty.Access.READ_ONLY)
  String tool() {
    return "dmtl";
  }
}
