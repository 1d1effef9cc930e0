package dev.dmtl.pipeline.infer;

import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.labels.LabelSpec;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * What every inference worker needs: the request as the user gave it, plus what the driver
 * established from it (the model's canonical location and the SHA-256 it validated, the parsed
 * label source, the row schema). Serializable: it travels to every worker.
 *
 * @param request the run's options
 * @param modelLocation see {@link ModelLocation}
 * @param modelSha256 the SHA-256 validated on the driver; workers refuse any other bytes
 * @param labels the label source, or null
 * @param rowSchemaJson the Avro schema of a prediction row
 * @param deadLetterSchemaJson the Avro schema of a dead-letter row (with label columns when there
 *     is a label source)
 * @param knownImages image SHA-256s that {@code --skip-known} skips (already published for this
 *     model); empty without it
 */
public record AnalyzeConfig(
    InferRequest request,
    String modelLocation,
    String modelSha256,
    LabelSpec labels,
    String rowSchemaJson,
    String deadLetterSchemaJson,
    Set<String> knownImages)
    implements Serializable {

  public AnalyzeConfig {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(modelLocation, "modelLocation");
    Objects.requireNonNull(modelSha256, "modelSha256");
    Objects.requireNonNull(rowSchemaJson, "rowSchemaJson");
    Objects.requireNonNull(deadLetterSchemaJson, "deadLetterSchemaJson");
    knownImages = knownImages == null ? Set.of() : Set.copyOf(knownImages);
  }

  public ModelOptions modelOptions() {
    return new ModelOptions(request.device(), request.intraOpThreads());
  }

  public FaceMode faces() {
    return request.faces();
  }

  public DetectorOptions detector() {
    return request.detector();
  }

  public DecodeLimits limits() {
    return request.limits();
  }

  public long maxFileBytes() {
    return request.limits().maxFileBytes();
  }

  public BatchSize batchSize() {
    return request.batchSize();
  }

  /** The run, for counters and progress. */
  public String runId() {
    return request.runId();
  }
}
