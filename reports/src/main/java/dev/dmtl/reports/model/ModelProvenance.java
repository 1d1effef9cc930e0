package dev.dmtl.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.contract.training.TrainingProvenance;
import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model's training provenance ({@link TrainingProvenance}, the {@code dmtl.provenance} that
 * {@code dmtl export} writes) says, as a report shows it: scalar facts as text, the data and
 * configuration flattened to {@code key → text}, the history with per-task maps in task order. A
 * model exported by someone else may carry any subset of the fields, or JSON of its own: what does
 * not bind becomes a warning the report shows, never an error, because a report must never fail
 * over a model's optional metadata.
 *
 * @param about the scalar facts ({@code tool}, {@code tool_version}, {@code seed}, …) as text
 * @param data the training data ({@code name}, {@code labels}, {@code split}, {@code licence},
 *     {@code fingerprint_sha256})
 * @param config the training configuration flattened ({@code network.inputSize → 112})
 * @param history the epochs, in file order, maps in task order; β computed from the log-variances
 *     (Eq. 16) where an epoch does not record it
 * @param validation the validation metrics of the exported weights, formatted
 * @param heldOut the held-out metrics given at export, flattened and formatted
 * @param warnings what could not be read, one sentence each
 */
public record ModelProvenance(
    Map<String, String> about,
    Map<String, String> data,
    Map<String, String> config,
    List<EpochRecord> history,
    Map<String, String> validation,
    Map<String, String> heldOut,
    List<String> warnings) {

  /** No provenance. */
  public static final ModelProvenance NONE =
      new ModelProvenance(Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(), List.of());

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
   * The view of a model's provenance JSON; null gives {@link #NONE}.
   *
   * @param taskOrder task names in model order, so per-task maps list tasks in that order
   */
  public static ModelProvenance of(JsonNode json, List<String> taskOrder) {
    if (json == null) {
      return NONE;
    }
    TrainingProvenance p;
    try {
      p = TrainingProvenance.read(json);
    } catch (IllegalArgumentException e) {
      return new ModelProvenance(
          Map.of(),
          Map.of(),
          Map.of(),
          List.of(),
          Map.of(),
          Map.of(),
          List.of(
              "the model's provenance is not dmtl's training record ("
                  + e.getMessage()
                  + "); it is not shown"));
    }
    Map<String, String> about = new LinkedHashMap<>();
    put(about, "tool", p.tool());
    put(about, "tool_version", p.toolVersion());
    put(about, "code_version", p.codeVersion());
    put(about, "exported_at", p.exportedAt());
    put(about, "seed", p.seed());
    put(about, "epochs_completed", p.epochsCompleted());
    put(about, "checkpoint", p.checkpoint());
    put(about, "checkpoint_sha256", p.checkpointSha256());
    put(about, "flip_average", p.flipAverage());
    Map<String, String> data = new LinkedHashMap<>();
    if (p.data() != null) {
      put(data, "name", p.data().name());
      put(data, "labels", p.data().labels());
      put(data, "split", p.data().split());
      put(data, "licence", p.data().licence());
      put(data, "fingerprint_sha256", p.data().fingerprintSha256());
    }
    Map<String, String> validation = new LinkedHashMap<>();
    if (p.validation() != null) {
      p.validation().named().forEach((k, v) -> validation.put(k, validationStyle(k).format(v)));
    }
    List<EpochRecord> history = new ArrayList<>();
    for (EpochRecord e : p.history()) {
      Map<String, Double> beta =
          e.beta().isEmpty() && !e.logVariance().isEmpty()
              ? UncertaintyWeights.beta(e.logVariance())
              : e.beta();
      history.add(
          new EpochRecord(
              e.epoch(),
              e.seconds(),
              e.imagesPerSecond(),
              e.learningRate(),
              e.trainLoss(),
              inTaskOrder(e.taskLoss(), taskOrder),
              inTaskOrder(e.logVariance(), taskOrder),
              inTaskOrder(beta, taskOrder),
              e.validation()));
    }
    return new ModelProvenance(
        about,
        data,
        flatten(p.config(), false),
        history,
        validation,
        flatten(p.heldOutMetrics(), true),
        List.of());
  }

  /** True when the model carries a training history. */
  public boolean hasHistory() {
    return !history.isEmpty();
  }

  /** An epoch's scalar validation metrics by name; empty when it has none. */
  public static Map<String, Double> validation(EpochRecord e) {
    return e.validation() == null ? Map.of() : e.validation().named();
  }

  /** An epoch's validation CS(k) for k = 0, 1, …; empty when it has none. */
  public static List<Double> cumulativeScore(EpochRecord e) {
    return e.validation() == null ? List.of() : e.validation().cumulativeScore();
  }

  /**
   * The number style of a validation metric by its name: {@code images} and counts whole, {@code
   * …Mae…} years, accuracies and scores shares, anything else four decimals.
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

  private static void put(Map<String, String> out, String key, Object value) {
    if (value != null) {
      out.put(key, value.toString());
    }
  }

  /** A tree shown as {@code key → text}, nested keys joined with dots; empty for null. */
  private static Map<String, String> flatten(JsonNode node, boolean metrics) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      flattenInto(node, "", out, metrics);
    }
    return out;
  }

  private static void flattenInto(
      JsonNode node, String prefix, Map<String, String> out, boolean metrics) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flattenInto(v, key + ".", out, metrics);
      } else if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(
            x ->
                items.add(
                    x.isNumber()
                        ? number(e.getKey(), x, metrics)
                        : x.isValueNode() ? x.asText() : x.toString()));
        out.put(key, "[" + String.join(", ", items) + "]");
      } else if (v.isNumber()) {
        out.put(key, number(e.getKey(), v, metrics));
      } else if (!v.isNull()) {
        out.put(key, v.asText());
      }
    }
  }

  /**
   * @param metric true for metric objects: numbers written by {@link #validationStyle}; else as
   *     written, without exponent ({@code 0.0005}, not {@code 5.0E-4})
   */
  private static String number(String name, JsonNode v, boolean metric) {
    if (metric) {
      return validationStyle(name).format(v.asDouble());
    }
    return v.isIntegralNumber()
        ? v.asText()
        : v.decimalValue().stripTrailingZeros().toPlainString();
  }

  /** Tasks of {@code taskOrder} first in that order, then the rest in their own order. */
  private static Map<String, Double> inTaskOrder(
      Map<String, Double> values, List<String> taskOrder) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String task : taskOrder) {
      if (values.containsKey(task)) {
        out.put(task, values.get(task));
      }
    }
    values.forEach(out::putIfAbsent);
    return out;
  }

  /** An unmodifiable copy that keeps the iteration order. */
  static <V> Map<String, V> ordered(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
