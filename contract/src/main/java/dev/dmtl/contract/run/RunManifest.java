package dev.dmtl.contract.run;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.json.SchemaVersion;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json}: what a run did, written last into its output folder, so a folder with a
 * manifest holds a complete result (docs/OUTPUT_SCHEMA.md, "manifest.json").
 *
 * @param schemaVersion format version of this file, {@value #SCHEMA_VERSION} (read from {@code
 *     manifest_version} in files of version 1)
 * @param runId the run
 * @param status always {@code complete}: an incomplete run writes no manifest
 * @param started UTC
 * @param finished UTC
 * @param wallSeconds from job start to pipeline end (listing, inference, writing)
 * @param inputsPerSecond {@code inputsSeen / wallSeconds}
 * @param counts the counts, see {@link Counts}
 * @param outputs file names in the output folder, by role ({@code predictions}, {@code
 *     dead_letters})
 * @param provenance model, tool, options (also in each Parquet footer under {@value
 *     RunProvenance#FOOTER_KEY})
 */
@JsonPropertyOrder({
  "schema_version",
  "run_id",
  "status",
  "started",
  "finished",
  "wall_seconds",
  "inputs_per_second",
  "counts",
  "outputs",
  "provenance"
})
public record RunManifest(
    @JsonAlias("manifest_version") int schemaVersion,
    @JsonProperty(required = true) String runId,
    String status,
    Instant started,
    Instant finished,
    double wallSeconds,
    double inputsPerSecond,
    @JsonProperty(required = true) Counts counts,
    Map<String, String> outputs,
    @JsonProperty(required = true) RunProvenance provenance) {

  /** Version 2 renamed {@code manifest_version} to {@code schema_version}; nothing else changed. */
  public static final int SCHEMA_VERSION = 2;

  /** The only status a written manifest has. */
  public static final String COMPLETE = "complete";

  public RunManifest {
    SchemaVersion.check(schemaVersion, SCHEMA_VERSION, "the run manifest");
    schemaVersion = SCHEMA_VERSION;
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(provenance, "provenance");
    outputs =
        Collections.unmodifiableMap(new LinkedHashMap<>(outputs == null ? Map.of() : outputs));
  }

  /**
   * The counts. Invariant: {@code inputsSeen == inputsWithRows + deadLetters + skippedKnown}.
   *
   * @param inputsSeen files, archive entries, and unreadable archives listed
   * @param inputsWithRows inputs that produced at least one row
   * @param rows prediction rows (one per face)
   * @param deadLetters inputs that produced no row
   * @param skippedKnown inputs not decoded or inferred because {@code --skip-known} found their
   *     image SHA-256 already published for the same model (0 without it, and in manifests written
   *     before it was added)
   * @param deadLettersByStage per stage name, every stage listed
   * @param labels the label join, or null without {@code --labels}
   * @param batches model calls
   */
  public record Counts(
      long inputsSeen,
      long inputsWithRows,
      long rows,
      long deadLetters,
      long skippedKnown,
      Map<Stage, Long> deadLettersByStage,
      Labels labels,
      Batches batches) {

    public Counts {
      deadLettersByStage =
          Collections.unmodifiableMap(
              new LinkedHashMap<>(deadLettersByStage == null ? Map.of() : deadLettersByStage));
    }

    /** Whether every input is a row's, a dead letter's, or skipped as known. */
    public boolean accountedFor() {
      return inputsSeen == inputsWithRows + deadLetters + skippedKnown;
    }
  }

  /**
   * @param source the label source's description
   * @param unparsableInSource values in the label files that could not be parsed (left null)
   * @param unknownValues label values that are not among the model's labels (left null)
   * @param missingByTask rows without a label, per task
   */
  public record Labels(
      String source, long unparsableInSource, long unknownValues, Map<String, Long> missingByTask) {
    public Labels {
      missingByTask =
          Collections.unmodifiableMap(
              new LinkedHashMap<>(missingByTask == null ? Map.of() : missingByTask));
    }
  }

  /**
   * @param calls ONNX Runtime calls
   * @param meanFaces mean faces per call
   * @param maxFaces largest call
   */
  public record Batches(long calls, double meanFaces, long maxFaces) {}

  /** The manifest as indented UTF-8 JSON. */
  public byte[] toJson() {
    return DmtlJson.pretty(this);
  }

  /**
   * Reads a manifest.
   *
   * @param what names the file in messages
   * @throws IllegalArgumentException when it is not a manifest this tool reads
   */
  public static RunManifest fromJson(byte[] json, String what) {
    return DmtlJson.readVersioned(
        json, RunManifest.class, what, SCHEMA_VERSION, "manifest_version");
  }

  /** Reads a manifest file. */
  public static RunManifest read(Path file) throws IOException {
    return fromJson(Files.readAllBytes(file), file.toString());
  }
}
