package dev.dmtl.audit.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.contract.model.TaskKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the audit needs from the {@code dmtl.run} footer JSON of a prediction file: the task list
 * and the model's SHA-256. The reader is deliberately tolerant about where in the JSON these sit,
 * because the run manifest may nest the contract metadata (docs/AUDIT_SCHEMA.md, "Inputs"):
 * <ul>
 *   <li>tasks: the first field named {@code dmtl.tasks} or {@code tasks}, at any depth, whose value
 *       is an array of task objects ({@code name}, {@code kind}, {@code labels}|{@code ranks}, as in
 *       the model contract) or a string holding such an array;
 *   <li>model SHA-256: the first field, at any depth, named {@code model_sha256} or
 *       {@code modelSha256}, or named {@code sha256} inside an object whose field name contains
 *       {@code model}; it must be 64 hex digits.
 * </ul>
 *
 * @param tasks the declared tasks, empty when none were found
 * @param modelSha256 lower-case hex, or null
 */
public record RunMetadata(List<TaskDef> tasks, String modelSha256) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("^[0-9a-fA-F]{64}$");

  public static final RunMetadata NONE = new RunMetadata(List.of(), null);

  public RunMetadata {
    tasks = List.copyOf(tasks);
  }

  /**
   * Parses the footer value.
   *
   * @throws IllegalArgumentException when the value is not JSON or a task entry is malformed
   */
  public static RunMetadata parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("footer dmtl.run is not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<TaskDef> tasks = findTasks(root).map(RunMetadata::parseTasks).orElse(List.of());
    String sha = findSha(root, false);
    return new RunMetadata(tasks, sha == null ? null : sha.toLowerCase(Locale.ROOT));
  }

  private static Optional<JsonNode> findTasks(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("dmtl.tasks") || e.getKey().equals("tasks")) {
          JsonNode v = e.getValue();
          if (v.isTextual()) {
            try {
              v = JSON.readTree(v.asText());
            } catch (JsonProcessingException ex) {
              throw new IllegalArgumentException("footer dmtl.run: " + e.getKey() + " is a string but not JSON: "
                  + ex.getOriginalMessage(), ex);
            }
          }
          if (looksLikeTasks(v)) {
            return Optional.of(v);
          }
        }
      }
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        Optional<JsonNode> found = findTasks(it.next());
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        Optional<JsonNode> found = findTasks(child);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean looksLikeTasks(JsonNode v) {
    if (!v.isArray() || v.isEmpty()) {
      return false;
    }
    for (JsonNode t : v) {
      if (!t.isObject() || !t.path("name").isTextual() || !t.path("kind").isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static List<TaskDef> parseTasks(JsonNode array) {
    List<TaskDef> out = new ArrayList<>();
    for (JsonNode t : array) {
      String name = t.get("name").asText();
      try {
        TaskKind kind = TaskKind.fromJson(t.get("kind").asText());
        if (kind == TaskKind.ORDINAL) {
          List<Integer> ranks = new ArrayList<>();
          for (JsonNode r : t.path("ranks")) {
            if (!r.isIntegralNumber()) {
              throw new IllegalArgumentException("rank " + r + " is not an integer");
            }
            ranks.add(r.asInt());
          }
          out.add(new TaskDef(name, kind, List.of(), ranks));
        } else {
          List<String> labels = new ArrayList<>();
          for (JsonNode l : t.path("labels")) {
            labels.add(l.asText());
          }
          out.add(new TaskDef(name, kind, labels, List.of()));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("footer dmtl.run, task '" + name + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String findSha(JsonNode node, boolean insideModel) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        JsonNode v = e.getValue();
        boolean named = key.equals("model_sha256") || key.equals("modelSha256") || (insideModel && key.equals("sha256"));
        if (named && v.isTextual() && SHA256.matcher(v.asText()).matches()) {
          return v.asText();
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String found = findSha(e.getValue(), e.getKey().toLowerCase(Locale.ROOT).contains("model"));
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        String found = findSha(child, insideModel);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
