package dev.dmtl.contract.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.json.SchemaVersion;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.ModelFile;
import java.time.Instant;
import java.util.Objects;

/**
 * Where an inference run's rows come from: the run, the tool, the model (with its whole contract)
 * and the options. Written into the footer of both Parquet files (key {@value #FOOTER_KEY}) and
 * into {@code manifest.json}; read by the audit (tasks and model SHA-256) and every later consumer,
 * so that a prediction file describes itself. docs/OUTPUT_SCHEMA.md, "Provenance".
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}; 0 (absent) in files written before it was recorded
 * @param runId the run's id, e.g. {@code 20261207-020442-866e2e29}
 * @param tool always {@code dmtl}
 * @param toolVersion the dmtl version that ran
 * @param created when the run started (UTC)
 * @param model the model file and its contract (JSON: {@code source}, {@code sha256}, …, {@code
 *     metadata})
 * @param engine the inference engine, as DJL describes it
 * @param options the run's options exactly as the command took them (the pipeline's request, one
 *     field per option); recorded for people and later tools, not interpreted by any reader here
 * @param defaultFaceTemplate the template {@code --faces detect} aligned faces to because the model
 *     declares none ({@link FaceTemplate#defaultFor}); null when the model's own was used or faces
 *     were not detected
 */
@JsonPropertyOrder({
  "schema_version",
  "run_id",
  "tool",
  "tool_version",
  "created",
  "model",
  "engine",
  "options",
  "default_face_template"
})
public record RunProvenance(
    int schemaVersion,
    @JsonProperty(required = true) String runId,
    String tool,
    String toolVersion,
    Instant created,
    @JsonProperty(required = true) ModelFile model,
    String engine,
    JsonNode options,
    FaceTemplate defaultFaceTemplate) {

  public static final int SCHEMA_VERSION = 1;

  /** The Parquet footer key under which every output file carries its run's provenance. */
  public static final String FOOTER_KEY = "dmtl.run";

  public RunProvenance {
    SchemaVersion.check(schemaVersion, SCHEMA_VERSION, "the run provenance");
    schemaVersion = SCHEMA_VERSION;
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(model, "model");
    options = options == null ? null : options.deepCopy();
  }

  /** The provenance of a run starting now, with {@code options} recorded as their JSON form. */
  public static RunProvenance of(
      String runId,
      String toolVersion,
      Instant created,
      ModelFile model,
      String engine,
      Object options) {
    return new RunProvenance(
        SCHEMA_VERSION,
        runId,
        "dmtl",
        toolVersion,
        created,
        model,
        engine,
        DmtlJson.tree(options),
        null);
  }

  /** The same provenance, stating the default face template the run aligned faces to. */
  public RunProvenance withDefaultFaceTemplate(FaceTemplate template) {
    return new RunProvenance(
        schemaVersion, runId, tool, toolVersion, created, model, engine, options, template);
  }

  /** The options tree, a copy (trees are mutable). */
  @Override
  public JsonNode options() {
    return options == null ? null : options.deepCopy();
  }

  /** The footer value: compact JSON. */
  public String toFooter() {
    return DmtlJson.compact(this);
  }

  /**
   * Reads a footer value.
   *
   * @param file names the file in the message
   * @throws IllegalArgumentException when the value is not a run provenance this tool reads
   */
  public static RunProvenance fromFooter(String json, String file) {
    return DmtlJson.readVersioned(
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        RunProvenance.class,
        file + ", footer " + FOOTER_KEY,
        SCHEMA_VERSION);
  }
}
