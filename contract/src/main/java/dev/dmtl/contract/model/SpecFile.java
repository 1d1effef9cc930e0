package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The spec file a run applied to a model instead of the model's own metadata ({@code --spec}): the
 * model file stays byte-identical, and the run provenance names both.
 *
 * @param source the spec's path as given
 * @param sha256 lower-case hex SHA-256 of the spec's bytes
 */
@JsonPropertyOrder({"source", "sha256"})
public record SpecFile(
    @JsonProperty(required = true) String source, @JsonProperty(required = true) String sha256) {

  public SpecFile {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
  }
}
