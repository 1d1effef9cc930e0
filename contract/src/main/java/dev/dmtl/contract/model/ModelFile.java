package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A model file that passed contract validation, with what {@code dmtl inspect} shows about it. The
 * run provenance records it as the run's {@code model}, the contract under {@code metadata} in its
 * JSON form.
 *
 * @param source where it was read from (path, or {@code classpath:…} for the bundled model)
 * @param sha256 lower-case hex SHA-256 of the file bytes: the model's identity in every output
 * @param sizeBytes file size
 * @param producer ONNX producer name and version, e.g. {@code dmtl-training 0.1.0}
 * @param opset default-domain opset version the graph imports
 * @param contract what the model declares, or what the spec declared for it
 * @param spec the spec file the contract came from ({@code --spec}), or null when it is the model's
 *     own metadata
 */
@JsonPropertyOrder({"source", "sha256", "size_bytes", "producer", "opset", "metadata", "spec"})
public record ModelFile(
    @JsonProperty(required = true) String source,
    @JsonProperty(required = true) String sha256,
    long sizeBytes,
    String producer,
    long opset,
    @JsonProperty(value = "metadata", required = true) ModelContract contract,
    SpecFile spec) {

  public ModelFile {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contract, "contract");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "model sha256 '" + sha256 + "' is not 64 lower-case hex digits");
    }
  }

  /** A model whose contract is its own metadata. */
  public ModelFile(
      String source,
      String sha256,
      long sizeBytes,
      String producer,
      long opset,
      ModelContract contract) {
    this(source, sha256, sizeBytes, producer, opset, contract, null);
  }
}
