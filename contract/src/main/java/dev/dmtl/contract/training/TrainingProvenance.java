package dev.dmtl.contract.training;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.json.SchemaVersion;
import java.time.Instant;
import java.util.List;

/**
 * How a model was trained: the {@code dmtl.provenance} a model exported by {@code dmtl export}
 * carries (docs/MODEL_CONTRACT.md, "Provenance"). A model exported elsewhere may carry any subset
 * of these fields, or none, or other JSON altogether: readers treat every field as optional.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}; 0 (absent) in models exported before it was
 *     recorded
 * @param tool {@code dmtl}
 * @param toolVersion dmtl version that exported the model
 * @param codeVersion source revision (e.g. a git commit), or null
 * @param exportedAt when (UTC)
 * @param data the training data
 * @param config the training configuration as the training run recorded it (the training module's
 *     {@code TrainConfig}); shown, not interpreted
 * @param seed the training seed
 * @param epochsCompleted epochs in the exported weights
 * @param checkpoint the checkpoint file name
 * @param checkpointSha256 its SHA-256
 * @param flipAverage whether test-time flip averaging is baked into the graph
 * @param history the epochs up to the exported checkpoint
 * @param weightAverage the weight average's summary when the checkpoint is one ({@code dmtl
 *     average}), else null; shown, not interpreted
 * @param validation the validation metrics of the exported weights
 * @param heldOutMetrics held-out (test split) metrics given at export, any JSON, or null
 */
@JsonPropertyOrder({
  "schema_version",
  "tool",
  "tool_version",
  "code_version",
  "exported_at",
  "data",
  "config",
  "seed",
  "epochs_completed",
  "checkpoint",
  "checkpoint_sha256",
  "flip_average",
  "history",
  "weight_average",
  "validation",
  "held_out_metrics"
})
public record TrainingProvenance(
    int schemaVersion,
    String tool,
    String toolVersion,
    String codeVersion,
    Instant exportedAt,
    TrainingData data,
    JsonNode config,
    Long seed,
    Integer epochsCompleted,
    String checkpoint,
    String checkpointSha256,
    Boolean flipAverage,
    List<EpochRecord> history,
    JsonNode weightAverage,
    EpochRecord.ValidationMetrics validation,
    JsonNode heldOutMetrics) {

  public static final int SCHEMA_VERSION = 1;

  public TrainingProvenance {
    SchemaVersion.check(schemaVersion, SCHEMA_VERSION, "the model's training provenance");
    schemaVersion = SCHEMA_VERSION;
    history = List.copyOf(history == null ? List.of() : history);
    config = copy(config);
    weightAverage = copy(weightAverage);
    heldOutMetrics = copy(heldOutMetrics);
  }

  /**
   * The training data.
   *
   * @param name data set name, e.g. {@code utkface}
   * @param labels where the labels come from
   * @param split how train, validation and test were split
   * @param licence the data licence and what it implies for the weights
   * @param fingerprintSha256 fingerprint of the training file list, or null
   */
  public record TrainingData(
      String name, String labels, String split, String licence, String fingerprintSha256) {}

  /**
   * Reads a model's {@code dmtl.provenance}.
   *
   * @throws IllegalArgumentException when it does not have this shape (fields of other types)
   */
  public static TrainingProvenance read(JsonNode json) {
    return DmtlJson.read(json, TrainingProvenance.class, "dmtl.provenance");
  }

  private static JsonNode copy(JsonNode node) {
    return node == null || node.isNull() ? null : node.deepCopy();
  }

  @Override
  public JsonNode config() {
    return copy(config);
  }

  @Override
  public JsonNode weightAverage() {
    return copy(weightAverage);
  }

  @Override
  public JsonNode heldOutMetrics() {
    return copy(heldOutMetrics);
  }
}
