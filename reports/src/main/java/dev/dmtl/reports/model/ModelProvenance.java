package dev.dmtl.reports.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model's {@code dmtl.provenance} JSON says about its training, as far as it says anything.
 * The dmtl training exporter writes {@code tool}, {@code tool_version}, {@code code_version},
 * {@code exported_at}, {@code data}, {@code config}, {@code seed}, {@code epochs_completed},
 * {@code checkpoint}, {@code flip_average}, {@code history}, {@code validation} and
 * {@code held_out_metrics}; a model exported by someone else may carry any subset, or keys of its
 * own. Every field is optional here: absent or ill-typed fields become empty values and, when
 * ill-typed, a warning (the report shows it) instead of an error, because a report must never fail
 * over a model's optional metadata.
 *
 * @param about top-level scalar fields ({@code tool}, {@code tool_version}, {@code seed}, …) as
 *     text, in file order
 * @param data the {@code data} object flattened to {@code key → text} ({@code name},
 *     {@code labels}, {@code split}, {@code licence}, {@code fingerprint_sha256}, …)
 * @param config the {@code config} object flattened ({@code optimizer.lr → 0.001})
 * @param history the epochs of {@code history}, in file order
 * @param validation the top-level {@code validation} object flattened (last epoch)
 * @param heldOut the {@code held_out_metrics} object flattened
 * @param warnings what could not be read, one sentence each
 */
public record ModelProvenance(Map<String, String> about, Map<String, String> data, Map<String, String> config,
    List<EpochRecord> history, Map<String, String> validation, Map<String, String> heldOut, List<String> warnings) {

  /** Keys read into their own fields rather than into {@link #about}. */
  private static final List<String> STRUCTURED = List.of("data", "config", "history", "validation", "held_out_metrics");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** No provenance. */
  public static final ModelProvenance NONE = new ModelProvenance(Map.of(), Map.of(), Map.of(), List.of(), Map.of(),
      Map.of(), List.of());

  public ModelProvenance {
    about = ordered(about);
    data = ordered(data);
    config = ordered(config);
    history = List.copyOf(history);
    validation = ordered(validation);
    heldOut = ordered(heldOut);
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads the provenance JSON; null gives {@link #NONE}.
   *
   * @param taskOrder task names in model order, so per-task maps list tasks in that order
   */
  public static ModelProvenance parse(String json, List<String> taskOrder) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return new ModelProvenance(Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(),
          List.of("the model's dmtl.provenance is not valid JSON (" + e.getOriginalMessage() + "); it is not shown"));
    }
    if (!root.isObject()) {
      return new ModelProvenance(Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(),
          List.of("the model's dmtl.provenance is not a JSON object; it is not shown"));
    }
    List<String> warnings = new ArrayList<>();
    Map<String, String> about = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!STRUCTURED.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
        about.put(e.getKey(), e.getValue().asText());
      }
    }
    return new ModelProvenance(about, flatten(root, "data", warnings, false), flatten(root, "config", warnings, false),
        history(root.get("history"), taskOrder, warnings), flatten(root, "validation", warnings, true),
        flatten(root, "held_out_metrics", warnings, true), warnings);
  }

  /** True when the model carries a training history. */
  public boolean hasHistory() {
    return !history.isEmpty();
  }

  /**
   * The number style of a validation metric by its name: {@code images} and counts whole,
   * {@code …Mae…} years, accuracies and scores shares, anything else four decimals.
   */
  public static NumberStyle validationStyle(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("images") || n.endsWith("count")) {
      return NumberStyle.COUNT;
    }
    if (n.contains("mae") || n.contains("rmse")) {
      return NumberStyle.YEARS;
    }
    if (n.contains("accuracy") || n.contains("score") || n.contains("f1")) {
      return NumberStyle.PROPORTION;
    }
    return NumberStyle.LOSS;
  }

  /**
   * @param metrics true for metric objects: numbers are written by {@link #validationStyle};
   *     else numbers as written, without exponent ({@code 0.0005}, not {@code 5.0E-4})
   */
  private static Map<String, String> flatten(JsonNode root, String key, List<String> warnings, boolean metrics) {
    JsonNode node = root.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      warnings.add("dmtl.provenance." + key + " is not a JSON object; it is not shown");
      return out;
    }
    flattenInto(node, "", out, metrics);
    return out;
  }

  private static void flattenInto(JsonNode node, String prefix, Map<String, String> out, boolean metrics) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flattenInto(v, key + ".", out, metrics);
      } else if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(x -> items.add(x.isNumber() ? number(e.getKey(), x, metrics) : x.isValueNode() ? x.asText() : x.toString()));
        out.put(key, "[" + String.join(", ", items) + "]");
      } else if (v.isNumber()) {
        out.put(key, number(e.getKey(), v, metrics));
      } else if (!v.isNull()) {
        out.put(key, v.asText());
      }
    }
  }

  private static String number(String name, JsonNode v, boolean metric) {
    if (metric) {
      return validationStyle(name).format(v.asDouble());
    }
    return v.isIntegralNumber() ? v.asText() : v.decimalValue().stripTrailingZeros().toPlainString();
  }

  private static List<EpochRecord> history(JsonNode node, List<String> taskOrder, List<String> warnings) {
    List<EpochRecord> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      warnings.add("dmtl.provenance.history is not a JSON array; the training history is not shown");
      return out;
    }
    int index = 0;
    for (JsonNode e : node) {
      index++;
      if (!e.isObject()) {
        warnings.add("dmtl.provenance.history[" + (index - 1) + "] is not a JSON object; skipped");
        continue;
      }
      int epoch = e.path("epoch").canConvertToInt() && e.path("epoch").isNumber() ? e.get("epoch").asInt() : index;
      Map<String, Double> logVariance = numbers(e.get("logVariance"), taskOrder);
      Map<String, Double> beta = numbers(e.get("beta"), taskOrder);
      if (beta.isEmpty() && !logVariance.isEmpty()) {
        beta = UncertaintyWeights.beta(logVariance);
      }
      JsonNode val = e.get("validation");
      Map<String, Double> validation = new LinkedHashMap<>();
      List<Double> cs = new ArrayList<>();
      if (val != null && val.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = val.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          if (f.getValue().isNumber()) {
            validation.put(f.getKey(), f.getValue().asDouble());
          } else if (f.getKey().equals("cumulativeScore") && f.getValue().isArray()) {
            f.getValue().forEach(x -> cs.add(x.isNumber() ? x.asDouble() : Double.NaN));
          }
        }
      }
      out.add(new EpochRecord(epoch, number(e, "seconds"), number(e, "imagesPerSecond"), number(e, "learningRate"),
          number(e, "trainLoss"), numbers(e.get("taskLoss"), taskOrder), logVariance, beta, validation, cs));
    }
    return out;
  }

  private static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
  }

  /** A JSON object of numbers, tasks of {@code taskOrder} first in that order, then the rest in file order. */
  private static Map<String, Double> numbers(JsonNode node, List<String> taskOrder) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    for (String task : taskOrder) {
      JsonNode v = node.get(task);
      if (v != null && v.isNumber()) {
        out.put(task, v.asDouble());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!out.containsKey(f.getKey()) && f.getValue().isNumber()) {
        out.put(f.getKey(), f.getValue().asDouble());
      }
    }
    return out;
  }

  /** An unmodifiable copy that keeps the iteration order. */
  static <V> Map<String, V> ordered(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
