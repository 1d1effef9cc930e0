package dev.dmtl.contract.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between {@link ModelContract} and the ONNX {@code metadata_props} it is stored in. The
 * values are JSON (Jackson), keys are the {@code dmtl.*} names of MODEL_CONTRACT.md.
 */
public final class ContractMetadata {

  public static final String KEY_CONTRACT = "dmtl.contract";
  public static final String KEY_INPUT = "dmtl.input";
  public static final String KEY_TASKS = "dmtl.tasks";
  public static final String KEY_FACE_TEMPLATE = "dmtl.face_template";
  public static final String KEY_LOG_VARIANCE = "dmtl.log_variance";
  public static final String KEY_PROVENANCE = "dmtl.provenance";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractMetadata() {}

  /** Serialises a contract to the metadata entries an exporter writes, in a stable order. */
  public static Map<String, String> toMetadata(ModelContract contract) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(KEY_CONTRACT, write(JSON.getNodeFactory().textNode(ModelContract.VERSION)));
    ObjectNode input = JSON.createObjectNode();
    InputSpec in = contract.input();
    input.put("name", in.name());
    input.put("layout", InputSpec.LAYOUT);
    input.put("channels", InputSpec.CHANNELS);
    input.put("height", in.height());
    input.put("width", in.width());
    input.put("scale", in.scale());
    ArrayNode mean = input.putArray("mean");
    in.mean().forEach(mean::add);
    ArrayNode std = input.putArray("std");
    in.std().forEach(std::add);
    out.put(KEY_INPUT, write(input));
    ArrayNode tasks = JSON.createArrayNode();
    for (TaskSpec task : contract.tasks()) {
      ObjectNode t = tasks.addObject();
      t.put("name", task.name());
      t.put("kind", task.kind().jsonName());
      t.put("output", task.output());
      if (task.kind() == TaskKind.ORDINAL) {
        ArrayNode ranks = t.putArray("ranks");
        task.ranks().forEach(ranks::add);
      } else {
        ArrayNode labels = t.putArray("labels");
        task.labels().forEach(labels::add);
      }
    }
    out.put(KEY_TASKS, write(tasks));
    contract.template().ifPresent(template -> {
      ObjectNode node = JSON.createObjectNode();
      node.putArray("size").add(template.width()).add(template.height());
      ArrayNode points = node.putArray("points");
      template.points().forEach(p -> points.addArray().add(p.x()).add(p.y()));
      out.put(KEY_FACE_TEMPLATE, write(node));
    });
    if (!contract.logVariance().isEmpty()) {
      ObjectNode lv = JSON.createObjectNode();
      contract.tasks().forEach(t -> {
        Double v = contract.logVariance().get(t.name());
        if (v != null) {
          lv.put(t.name(), v);
        }
      });
      out.put(KEY_LOG_VARIANCE, write(lv));
    }
    contract.provenance().ifPresent(p -> out.put(KEY_PROVENANCE, p));
    return out;
  }

  /** The {@code dmtl.face_template} JSON of a template: {@code {"size":[w,h],"points":[[x,y]×5]}}. */
  public static String faceTemplateJson(FaceTemplate template) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("size").add(template.width()).add(template.height());
    ArrayNode points = node.putArray("points");
    template.points().forEach(p -> points.addArray().add(p.x()).add(p.y()));
    return write(node);
  }

  /**
   * Parses a {@code dmtl.face_template} JSON value on its own (e.g. a template file before a model
   * embeds it).
   *
   * @throws IllegalArgumentException naming the malformed field
   */
  public static FaceTemplate parseFaceTemplate(String json) {
    return parseTemplate(parse(Map.of(KEY_FACE_TEMPLATE, json), KEY_FACE_TEMPLATE, true));
  }

  /**
   * Parses metadata entries into a contract, without looking at the graph.
   *
   * @throws IllegalArgumentException naming the first key or field that is missing or malformed
   */
  public static ModelContract fromMetadata(Map<String, String> metadata) {
    JsonNode version = parse(metadata, KEY_CONTRACT, true);
    String v = version.isTextual() ? version.asText() : version.toString();
    if (!ModelContract.VERSION.equals(v)) {
      throw new IllegalArgumentException(KEY_CONTRACT + " is " + v + ", this tool reads contract version " + ModelContract.VERSION);
    }
    InputSpec input = parseInput(parse(metadata, KEY_INPUT, true));
    List<TaskSpec> tasks = parseTasks(parse(metadata, KEY_TASKS, true));
    JsonNode templateNode = parse(metadata, KEY_FACE_TEMPLATE, false);
    FaceTemplate template = templateNode == null ? null : parseTemplate(templateNode);
    JsonNode lvNode = parse(metadata, KEY_LOG_VARIANCE, false);
    Map<String, Double> logVariance = new LinkedHashMap<>();
    if (lvNode != null) {
      if (!lvNode.isObject()) {
        throw new IllegalArgumentException(KEY_LOG_VARIANCE + " must be a JSON object of task name to number");
      }
      lvNode.fields().forEachRemaining(e -> {
        if (!e.getValue().isNumber()) {
          throw new IllegalArgumentException(KEY_LOG_VARIANCE + "." + e.getKey() + " is not a number");
        }
        logVariance.put(e.getKey(), e.getValue().asDouble());
      });
    }
    String provenance = metadata.get(KEY_PROVENANCE);
    if (provenance != null) {
      parse(metadata, KEY_PROVENANCE, true); // must at least be valid JSON
    }
    try {
      return new ModelContract(input, tasks, template, logVariance, provenance);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metadata: " + e.getMessage(), e);
    }
  }

  private static InputSpec parseInput(JsonNode node) {
    String where = KEY_INPUT;
    requireObject(node, where);
    String layout = text(node, "layout", where);
    if (!InputSpec.LAYOUT.equals(layout)) {
      throw new IllegalArgumentException(where + ".layout is '" + layout + "', only NCHW is supported");
    }
    String channels = text(node, "channels", where);
    if (!InputSpec.CHANNELS.equals(channels)) {
      throw new IllegalArgumentException(where + ".channels is '" + channels + "', only RGB is supported");
    }
    try {
      return new InputSpec(text(node, "name", where), integer(node, "height", where), integer(node, "width", where),
          number(node, "scale", where), numbers(node, "mean", where), numbers(node, "std", where));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static List<TaskSpec> parseTasks(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException(KEY_TASKS + " must be a non-empty JSON array");
    }
    List<TaskSpec> tasks = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String where = KEY_TASKS + "[" + i + "]";
      JsonNode t = node.get(i);
      requireObject(t, where);
      TaskKind kind;
      try {
        kind = TaskKind.fromJson(text(t, "kind", where));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      try {
        if (kind == TaskKind.ORDINAL) {
          List<Integer> ranks = new ArrayList<>();
          JsonNode r = t.get("ranks");
          if (r == null || !r.isArray()) {
            throw new IllegalArgumentException("'ranks' must be an array of integers");
          }
          r.forEach(x -> {
            if (!x.canConvertToInt() || !x.isIntegralNumber()) {
              throw new IllegalArgumentException("rank " + x + " is not an integer");
            }
            ranks.add(x.asInt());
          });
          tasks.add(TaskSpec.ordinal(text(t, "name", where), text(t, "output", where), ranks));
        } else {
          List<String> labels = new ArrayList<>();
          JsonNode l = t.get("labels");
          if (l == null || !l.isArray()) {
            throw new IllegalArgumentException("'labels' must be an array of strings");
          }
          l.forEach(x -> labels.add(x.asText()));
          tasks.add(TaskSpec.nominal(text(t, "name", where), text(t, "output", where), labels));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return tasks;
  }

  private static FaceTemplate parseTemplate(JsonNode node) {
    String where = KEY_FACE_TEMPLATE;
    requireObject(node, where);
    JsonNode size = node.get("size");
    if (size == null || !size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || !size.get(1).canConvertToInt()) {
      throw new IllegalArgumentException(where + ".size must be [width, height]");
    }
    JsonNode pts = node.get("points");
    if (pts == null || !pts.isArray()) {
      throw new IllegalArgumentException(where + ".points must be an array of [x, y] pairs");
    }
    List<FaceTemplate.Point> points = new ArrayList<>();
    for (JsonNode p : pts) {
      if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new IllegalArgumentException(where + ".points entry " + p + " is not [x, y]");
      }
      points.add(new FaceTemplate.Point(p.get(0).asDouble(), p.get(1).asDouble()));
    }
    try {
      return new FaceTemplate(size.get(0).asInt(), size.get(1).asInt(), points);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(Map<String, String> metadata, String key, boolean required) {
    String raw = metadata.get(key);
    if (raw == null) {
      if (required) {
        throw new IllegalArgumentException("metadata key " + key + " is missing");
      }
      return null;
    }
    try {
      return JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata key " + key + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void requireObject(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object");
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + "." + field + " is missing or not a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(where + "." + field + " is missing or not an integer");
    }
    return v.asInt();
  }

  private static double number(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(where + "." + field + " is missing or not a number");
    }
    return v.asDouble();
  }

  private static List<Double> numbers(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException(where + "." + field + " is missing or not an array");
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode x : v) {
      if (!x.isNumber()) {
        throw new IllegalArgumentException(where + "." + field + " holds " + x + ", not a number");
      }
      out.add(x.asDouble());
    }
    return out;
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise metadata JSON", e);
    }
  }
}
