package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.json.DmtlJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A contract written by hand for a model that carries none (or the wrong one): the JSON object
 * {@code dmtl contract --spec} and {@code dmtl infer --spec} read. Its keys are those of the
 * metadata without the {@code dmtl.} prefix: {@code input}, {@code tasks}, optional {@code
 * face_template}, {@code log_variance}, {@code provenance} and {@code explain} (docs/OWN_MODELS.md,
 * docs/MODEL_CONTRACT.md).
 *
 * @param file where the spec was read from and its SHA-256, as provenance records it
 * @param contract what the spec declares; validated against a graph by {@link
 *     ModelContractReader#read(String, byte[], ContractSpec)}
 */
public record ContractSpec(SpecFile file, ModelContract contract) {

  public ContractSpec {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(contract, "contract");
  }

  /** The JSON form of a spec file. */
  record Json(
      @JsonProperty(required = true) InputSpec input,
      @JsonProperty(required = true) List<TaskSpec> tasks,
      FaceTemplate faceTemplate,
      Map<String, Double> logVariance,
      JsonNode provenance,
      Map<String, ExplainHead> explain) {}

  /**
   * Reads and checks a spec file on its own (the graph is checked when it meets a model).
   *
   * @throws IOException when the file cannot be read
   * @throws ContractViolationException naming the file, the spec field and the problem
   */
  public static ContractSpec read(Path file) throws IOException, ContractViolationException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "spec file not found");
    }
    return parse(file.toString(), bytes);
  }

  /** As {@link #read(Path)} for bytes read from {@code source}. */
  public static ContractSpec parse(String source, byte[] bytes) throws ContractViolationException {
    JsonNode tree;
    try {
      tree = DmtlJson.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), "spec");
    } catch (IllegalArgumentException e) {
      throw new ContractViolationException(source, e.getMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new ContractViolationException(source, "spec: not a JSON object");
    }
    for (java.util.Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.startsWith("dmtl.")) {
        throw new ContractViolationException(
            source, "spec: key '" + key + "' has the dmtl. prefix; a spec uses the bare key");
      }
    }
    try {
      Json json = DmtlJson.read(tree, Json.class, "spec");
      ModelContract contract =
          new ModelContract(
              json.input(),
              json.tasks(),
              json.faceTemplate(),
              json.logVariance(),
              json.provenance(),
              json.explain());
      return new ContractSpec(new SpecFile(source, ContentHash.sha256Hex(bytes)), contract);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new ContractViolationException(source, m.startsWith("spec:") ? m : "spec: " + m, e);
    }
  }
}
