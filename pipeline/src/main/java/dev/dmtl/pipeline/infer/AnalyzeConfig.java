package dev.dmtl.pipeline.infer;

import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.model.Device;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.pipeline.labels.LabelSpec;
import java.io.Serializable;
import java.util.Objects;

/**
 * What every inference worker needs, in serializable form (the inference module's records are not
 * {@code Serializable}: they never cross a runner boundary themselves).
 *
 * @param modelLocation see {@link ModelLocation}
 * @param modelSha256 the SHA-256 validated on the driver; workers refuse any other bytes
 * @param device where ONNX Runtime runs
 * @param intraOpThreads ONNX Runtime threads per call
 * @param faces the face-extraction mode
 * @param detector face-detector settings (detect mode)
 * @param maxPixels pixel cap
 * @param maxFileBytes file-size cap
 * @param batchSize faces per model call, and inputs per batch
 * @param labels the label source, or null
 * @param rowSchemaJson the Avro schema of a prediction row
 * @param runId the run, for counters and progress
 */
public record AnalyzeConfig(
    String modelLocation,
    String modelSha256,
    Device device,
    int intraOpThreads,
    FaceMode faces,
    DetectorOptions detector,
    long maxPixels,
    long maxFileBytes,
    int batchSize,
    LabelSpec labels,
    String rowSchemaJson,
    String runId) implements Serializable {

  public AnalyzeConfig {
    Objects.requireNonNull(modelLocation, "modelLocation");
    Objects.requireNonNull(modelSha256, "modelSha256");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(faces, "faces");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(rowSchemaJson, "rowSchemaJson");
    Objects.requireNonNull(runId, "runId");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }

  public ModelOptions modelOptions() {
    return new ModelOptions(device, intraOpThreads);
  }

  public DecodeLimits limits() {
    return new DecodeLimits(maxPixels, maxFileBytes);
  }
}
