package dev.dmtl.contract.model;

import java.util.Objects;

/**
 * A model file that passed contract validation, with what {@code dmtl inspect} shows about it.
 *
 * @param source where it was read from (path or resource name)
 * @param sha256 lower-case hex SHA-256 of the file bytes: the model's identity in every output
 * @param sizeBytes file size
 * @param producer ONNX producer name and version, e.g. {@code dmtl-training 0.1.0}
 * @param opset default-domain opset version the graph imports
 * @param contract what the model declares
 */
public record ModelFile(String source, String sha256, long sizeBytes, String producer, long opset, ModelContract contract) {
  public ModelFile {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contract, "contract");
  }
}
