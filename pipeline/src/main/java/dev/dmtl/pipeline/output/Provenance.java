package dev.dmtl.pipeline.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.contract.ToolVersion;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.ModelFile;
import java.util.Map;

/**
 * The provenance of a run: run id, tool version, model (source, SHA-256, producer, opset, every
 * {@code dmtl.*} metadata entry), engine, and the options exactly as given. Written into the footer
 * of both Parquet files (key {@code dmtl.run}) and into the manifest.
 */
public final class Provenance {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private Provenance() {}

  /**
   * @param options the run's options record (serialised field by field)
   */
  public static ObjectNode of(String runId, String created, ModelFile model, String engine, Object options) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", runId);
    root.put("tool", ToolVersion.NAME);
    root.put("tool_version", ToolVersion.version());
    root.put("created", created);
    ObjectNode m = root.putObject("model");
    m.put("source", model.source());
    m.put("sha256", model.sha256());
    m.put("size_bytes", model.sizeBytes());
    m.put("producer", model.producer());
    m.put("opset", model.opset());
    ObjectNode metadata = m.putObject("metadata");
    for (Map.Entry<String, String> e : ContractMetadata.toMetadata(model.contract()).entrySet()) {
      try {
        metadata.set(e.getKey(), JSON.readTree(e.getValue()));
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException("contract metadata " + e.getKey() + " is not JSON", ex);
      }
    }
    root.put("engine", engine);
    root.set("options", JSON.valueToTree(options));
    return root;
  }

  /** Compact JSON, for the Parquet footer. */
  public static String compact(ObjectNode provenance) {
    try {
      return JSON.writeValueAsString(provenance);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise provenance", e);
    }
  }
}
