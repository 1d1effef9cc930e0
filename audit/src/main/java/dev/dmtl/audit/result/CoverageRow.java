package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.contract.rows.Stage;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Coverage of one group of inputs (images, not faces): how many produced at least one prediction
 * row, and how many became dead letters, by stage. {@code inputs = withPrediction + deadLetters}.
 *
 * @param group the group (by the labels known from the input's name)
 * @param inputs distinct inputs ({@code source} + {@code entry}) in the group
 * @param withPrediction inputs with at least one prediction row
 * @param noFace inputs that ended as a {@link Stage#NO_FACE} dead letter
 * @param failed inputs that ended as a dead letter at any other stage
 * @param deadLettersByStage dead-letter inputs per stage (stages with none are left out)
 * @param coverage {@code withPrediction / inputs} ({@link dev.dmtl.audit.metrics.Metric#COVERAGE})
 *     with Wilson and bootstrap intervals and comparisons
 */
@JsonPropertyOrder({
  "group",
  "grouping",
  "inputs",
  "with_prediction",
  "no_face",
  "failed",
  "dead_letters_by_stage",
  "coverage"
})
public record CoverageRow(
    GroupKey group,
    long inputs,
    long withPrediction,
    long noFace,
    long failed,
    Map<Stage, Long> deadLettersByStage,
    MetricResult coverage) {

  public CoverageRow {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(coverage, "coverage");
    deadLettersByStage = java.util.Collections.unmodifiableMap(new TreeMap<>(deadLettersByStage));
    if (inputs != withPrediction + noFace + failed) {
      throw new IllegalArgumentException(
          "coverage of "
              + group.id()
              + ": "
              + inputs
              + " inputs != "
              + withPrediction
              + " + "
              + noFace
              + " + "
              + failed);
    }
  }

  /** The grouping, from the group (written for readers; ignored when read). */
  @JsonProperty(value = "grouping", access = JsonProperty.Access.READ_ONLY)
  String groupingId() {
    return group.grouping().id();
  }
}
