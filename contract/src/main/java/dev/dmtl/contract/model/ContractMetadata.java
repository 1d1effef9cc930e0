package dev.dmtl.contract.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.contract.json.DmtlJson;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between {@link ModelContract} and the ONNX {@code metadata_props} it is stored in: one
 * entry per {@code dmtl.*} key of MODEL_CONTRACT.md, each value the JSON of that part of the
 * contract's JSON form. The binding itself is {@link DmtlJson}'s, so the same records read the
 * model file, the run provenance that embeds the contract, and the audit that reads that.
 */
public final class ContractMetadata {

  public static final String KEY_CONTRACT = "dmtl.contract";
  public static final String KEY_INPUT = "dmtl.input";
  public static final String KEY_TASKS = "dmtl.tasks";
  public static final String KEY_FACE_TEMPLATE = "dmtl.face_template";
  public static final String KEY_LOG_VARIANCE = "dmtl.log_variance";
  public static final String KEY_PROVENANCE = "dmtl.provenance";

  /** Optional (docs/MODEL_CONTRACT.md): per task, the feature maps and head weights of its CAMs. */
  public static final String KEY_EXPLAIN = "dmtl.explain";

  /** The keys, in the order an exporter writes them. */
  private static final List<String> KEYS =
      List.of(
          KEY_CONTRACT,
          KEY_INPUT,
          KEY_TASKS,
          KEY_FACE_TEMPLATE,
          KEY_LOG_VARIANCE,
          KEY_EXPLAIN,
          KEY_PROVENANCE);

  private ContractMetadata() {}

  /** Serialises a contract to the metadata entries an exporter writes, in a stable order. */
  public static Map<String, String> toMetadata(ModelContract contract) {
    JsonNode tree = DmtlJson.tree(contract);
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().toString());
    }
    return out;
  }

  /**
   * The {@code dmtl.face_template} JSON of a template: {@code {"size":[w,h],"points":[[x,y]×5]}}.
   */
  public static String faceTemplateJson(FaceTemplate template) {
    return DmtlJson.compact(template);
  }

  /**
   * Parses a {@code dmtl.face_template} JSON value on its own (e.g. a template file before a model
   * embeds it).
   *
   * @throws IllegalArgumentException naming the malformed field
   */
  public static FaceTemplate parseFaceTemplate(String json) {
    return DmtlJson.read(json, FaceTemplate.class, KEY_FACE_TEMPLATE);
  }

  /**
   * Parses metadata entries into a contract, without looking at the graph. The version is checked
   * first: a file of another contract version may have another shape altogether.
   *
   * @throws IllegalArgumentException naming the first key or field that is missing or malformed
   */
  public static ModelContract fromMetadata(Map<String, String> metadata) {
    JsonNode version = value(metadata, KEY_CONTRACT);
    if (version == null) {
      throw new IllegalArgumentException("metadata key " + KEY_CONTRACT + " is missing");
    }
    String v = version.isTextual() ? version.asText() : version.toString();
    if (!ModelContract.READABLE_VERSIONS.contains(v)) {
      throw new IllegalArgumentException(
          KEY_CONTRACT
              + " is "
              + v
              + ", this tool reads contract versions "
              + String.join(" and ", ModelContract.READABLE_VERSIONS));
    }
    ObjectNode tree = DmtlJson.mapper().createObjectNode();
    for (String key : KEYS) {
      JsonNode value = value(metadata, key);
      if (value != null) {
        tree.set(key, value);
      } else if (key.equals(KEY_INPUT) || key.equals(KEY_TASKS)) {
        throw new IllegalArgumentException("metadata key " + key + " is missing");
      }
    }
    return DmtlJson.read(tree, ModelContract.class, "metadata");
  }

  private static JsonNode value(Map<String, String> metadata, String key) {
    String raw = metadata.get(key);
    return raw == null ? null : DmtlJson.parse(raw, "metadata key " + key + " is not valid JSON");
  }
}
