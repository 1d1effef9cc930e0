package dev.dmtl.pipeline.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code manifest.json}: what a run did, written last into its output folder (docs/OUTPUT_SCHEMA.md).
 *
 * @param manifestVersion format version of this file, {@value #VERSION}
 * @param runId the run
 * @param status always {@code complete}: an incomplete run writes no manifest
 * @param started ISO-8601 UTC
 * @param finished ISO-8601 UTC
 * @param wallSeconds from job start to pipeline end (listing, inference, writing)
 * @param inputsPerSecond {@code inputsSeen / wallSeconds}
 * @param counts the counts, see {@link Counts}
 * @param outputs file names in the output folder
 * @param provenance model, tool, options (also in each Parquet footer under {@code dmtl.run})
 */
public record RunManifest(
    int manifestVersion,
    String runId,
    String status,
    String started,
    String finished,
    double wallSeconds,
    double inputsPerSecond,
    Counts counts,
    Map<String, String> outputs,
    JsonNode provenance) {

  public static final int VERSION = 1;

  /**
   * The counts. Invariant: {@code inputsSeen == inputsWithRows + deadLetters}.
   *
   * @param inputsSeen files, archive entries, and unreadable archives listed
   * @param inputsWithRows inputs that produced at least one row
   * @param rows prediction rows (one per face)
   * @param deadLetters inputs that produced no row
   * @param deadLettersByStage per stage name, every stage listed
   * @param labels the label join, or null without {@code --labels}
   * @param batches model calls
   */
  public record Counts(
      long inputsSeen,
      long inputsWithRows,
      long rows,
      long deadLetters,
      Map<String, Long> deadLettersByStage,
      Labels labels,
      Batches batches) {}

  /**
   * @param source the label source's description
   * @param unparsableInSource values in the label files that could not be parsed (left null)
   * @param unknownValues label values that are not among the model's labels (left null)
   * @param missingByTask rows without a label, per task
   */
  public record Labels(String source, long unparsableInSource, long unknownValues, Map<String, Long> missingByTask) {}

  /**
   * @param calls ONNX Runtime calls
   * @param meanFaces mean faces per call
   * @param maxFaces largest call
   */
  public record Batches(long calls, double meanFaces, long maxFaces) {}

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The manifest as pretty-printed UTF-8 JSON. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the run manifest", e);
    }
  }

  /** Reads a manifest back (tests, downstream tools). */
  public static RunManifest fromJson(byte[] json) throws java.io.IOException {
    return JSON.readValue(json, RunManifest.class);
  }
}
