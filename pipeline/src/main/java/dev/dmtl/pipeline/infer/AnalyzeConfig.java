package dev.dmtl.pipeline.infer;

import dev.dmtl.contract.model.ContractSpec;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.labels.LabelSpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
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
 * @param specSource where the run's contract spec was read ({@code --spec}), or null
 * @param specJson the spec's text as validated on the driver (workers need not see the file), or
 *     null
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
    String specSource,
    String specJson,
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

  /** A run whose model carries its own contract, without --skip-known. */
  public AnalyzeConfig(
      InferRequest request,
      String modelLocation,
      String modelSha256,
      LabelSpec labels,
      String rowSchemaJson,
      String deadLetterSchemaJson) {
    this(
        request,
        modelLocation,
        modelSha256,
        labels,
        rowSchemaJson,
        deadLetterSchemaJson,
        null,
        null,
        Set.of());
  }

  /**
   * The spec the model runs under, or null.
   *
   * @throws ContractViolationException when the spec text does not parse (it did on the driver)
   */
  public ContractSpec spec() throws ContractViolationException {
    return specJson == null
        ? null
        : ContractSpec.parse(specSource, specJson.getBytes(StandardCharsets.UTF_8));
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
