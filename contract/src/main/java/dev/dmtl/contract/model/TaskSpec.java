package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dmtl.contract.labels.GroundTruthLabels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One task a model predicts: the one task descriptor of the project. The model contract declares it
 * ({@code dmtl.tasks}), the run provenance in every Parquet footer repeats it, the audit and its
 * result use it. JSON: {@code {"name":"age","kind":"ordinal","output":"age_logits","ranks":[1,…]}},
 * {@code
 * {"name":"gender","kind":"nominal","output":"fc1","slice":[0,2],"labels":["female","male"]}} or
 * {@code {"name":"age","kind":"regression","output":"fc1","slice":[2,3],"activation":"none",
 * "scale":100.0,"offset":0.0}} (docs/MODEL_CONTRACT.md).
 *
 * @param name task name, e.g. {@code age}; unique within a model; letters, digits, {@code _} and
 *     {@code -} (it is part of column names, group ids and {@code --fail-on} rules)
 * @param kind what the task yields: ordinal (an age-like number) or nominal (a label); follows from
 *     {@code readout}
 * @param output name of the ONNX graph output holding this task's values; null only for a task the
 *     audit recognised from prediction columns without a model to name it
 * @param ranks ordinal and distribution: the strictly increasing rank values r_1..r_K (empty
 *     otherwise, and for an ordinal task recognised from columns, whose ranks are unknown)
 * @param labels nominal: the C class labels in output order; binned: one label per bin (given, or
 *     {@code low-high}); empty for ordinal values
 * @param readout how the values are read out of the output (the JSON {@code kind})
 * @param slice the columns of the output this task reads, or null for the whole output
 * @param activation what the values are, or null for the readout's default ({@link
 *     #activationOrDefault()})
 * @param scale regression only: the prediction is {@code value × scale + offset}; null otherwise
 * @param offset regression only, see {@code scale}; null means 0
 * @param bins binned only: the age range of each class, in output order, increasing and disjoint
 * @param labelMap nominal only: the model's label → the ground truth's label (many-to-one), empty
 *     when the model already speaks the ground truth's labels. Every model label is a key.
 */
public record TaskSpec(
    String name,
    TaskKind kind,
    String output,
    List<Integer> ranks,
    List<String> labels,
    Readout readout,
    OutputSlice slice,
    Activation activation,
    Double scale,
    Double offset,
    List<AgeBin> bins,
    Map<String, String> labelMap) {

  /** Characters a nominal label must not contain. */
  public static final String RESERVED = ",=[]@";

  public TaskSpec {
    Objects.requireNonNull(name, "name");
    readout = readout == null ? Readout.of(Objects.requireNonNull(kind, "kind")) : readout;
    if (kind != null && kind != readout.kind()) {
      throw new IllegalArgumentException(
          "task '" + name + "': kind " + kind + " does not match readout " + readout);
    }
    kind = readout.kind();
    ranks = List.copyOf(ranks == null ? List.of() : ranks);
    bins = List.copyOf(bins == null ? List.of() : bins);
    labelMap =
        Collections.unmodifiableMap(new LinkedHashMap<>(labelMap == null ? Map.of() : labelMap));
    if (readout == Readout.BINNED && (labels == null || labels.isEmpty())) {
      labels = bins.stream().map(AgeBin::defaultLabel).toList();
    }
    labels = List.copyOf(labels == null ? List.of() : labels);
    if (name.isBlank()) {
      throw new IllegalArgumentException("task name is blank");
    }
    // task names and labels are parts of audit group ids (race=white,gender=male) and of the
    // --fail-on grammar (race.recall[black].gap@gender:lower>0.1): those characters must not occur
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "task name '" + name + "' may only use letters, digits, '_' and '-'");
    }
    for (String label : labels) {
      requireLabelSafe(name, label);
    }
    String what = readout.jsonName() + " task '" + name + "'";
    requireAbsent(what, "ranks", !ranks.isEmpty(), readout.kind() == TaskKind.ORDINAL);
    requireAbsent(what, "labels", !labels.isEmpty(), readout.kind() == TaskKind.NOMINAL);
    requireAbsent(what, "bins", !bins.isEmpty(), readout == Readout.BINNED);
    requireAbsent(what, "scale", scale != null, readout == Readout.REGRESSION);
    requireAbsent(what, "offset", offset != null, readout == Readout.REGRESSION);
    requireAbsent(what, "label_map", !labelMap.isEmpty(), readout == Readout.NOMINAL);
    if (readout == Readout.REGRESSION) {
      requireAbsent(what, "ranks", !ranks.isEmpty(), false);
    }
    switch (readout) {
      case ORDINAL, DISTRIBUTION -> checkRanks(what, ranks);
      case NOMINAL -> checkLabels(what, labels);
      case REGRESSION -> checkRegression(what, scale, offset);
      case BINNED -> checkBins(what, bins, labels);
    }
    if (activation != null) {
      boolean allowed =
          readout == Readout.REGRESSION
              ? activation == Activation.NONE
              : activation != Activation.NONE;
      if (!allowed) {
        throw new IllegalArgumentException(
            what
                + ": activation "
                + activation.jsonName()
                + " does not fit (a regression takes none; other tasks logits or probabilities)");
      }
    }
    if (!labelMap.isEmpty()) {
      checkLabelMap(what, name, labels, labelMap);
    }
    if (slice != null
        && hasWidth(readout, ranks, labels)
        && slice.width() != width(readout, ranks, labels)) {
      throw new IllegalArgumentException(
          what
              + ": slice "
              + slice
              + " is "
              + slice.width()
              + " wide but the task needs "
              + width(readout, ranks, labels)
              + " values ("
              + widthReason(readout, ranks, labels)
              + ")");
    }
  }

  /** A version 1 task, as code and the audit's column discovery build them. */
  public TaskSpec(
      String name, TaskKind kind, String output, List<Integer> ranks, List<String> labels) {
    this(name, kind, output, ranks, labels, null, null, null, null, null, null, null);
  }

  public static TaskSpec ordinal(String name, String output, List<Integer> ranks) {
    return new TaskSpec(name, TaskKind.ORDINAL, output, ranks, List.of());
  }

  public static TaskSpec nominal(String name, String output, List<String> labels) {
    return new TaskSpec(name, TaskKind.NOMINAL, output, List.of(), labels);
  }

  private static void requireLabelSafe(String task, String label) {
    if (label == null
        || label.isBlank()
        || label.chars().anyMatch(c -> RESERVED.indexOf(c) >= 0 || Character.isISOControl(c))) {
      throw new IllegalArgumentException(
          "label '"
              + label
              + "' of task '"
              + task
              + "' is blank or uses one of "
              + RESERVED
              + " (reserved for audit group ids and rules)");
    }
  }

  private static void requireAbsent(String what, String field, boolean present, boolean allowed) {
    if (present && !allowed) {
      throw new IllegalArgumentException(what + " declares " + field + ", which it does not take");
    }
  }

  private static void checkRanks(String what, List<Integer> ranks) {
    if (ranks.size() == 1) {
      throw new IllegalArgumentException(what + " needs at least 2 ranks, has 1");
    }
    for (int i = 1; i < ranks.size(); i++) {
      if (ranks.get(i) <= ranks.get(i - 1)) {
        throw new IllegalArgumentException(
            what
                + ": ranks must be strictly increasing, "
                + ranks.get(i - 1)
                + " is followed by "
                + ranks.get(i));
      }
    }
  }

  private static void checkLabels(String what, List<String> labels) {
    if (labels.size() < 2) {
      throw new IllegalArgumentException(what + " needs at least 2 labels, has " + labels.size());
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException(what + " has duplicate labels " + labels);
    }
  }

  private static void checkRegression(String what, Double scale, Double offset) {
    if (scale == null || !Double.isFinite(scale) || scale == 0) {
      throw new IllegalArgumentException(
          what
              + ": scale is missing or not a non-zero number (prediction = value × scale + offset)");
    }
    if (offset != null && !Double.isFinite(offset)) {
      throw new IllegalArgumentException(what + ": offset is not a number");
    }
  }

  private static void checkBins(String what, List<AgeBin> bins, List<String> labels) {
    if (bins.size() < 2) {
      throw new IllegalArgumentException(what + " needs at least 2 bins, has " + bins.size());
    }
    for (int i = 1; i < bins.size(); i++) {
      if (bins.get(i).low() <= bins.get(i - 1).high()) {
        throw new IllegalArgumentException(
            what
                + ": bins must be increasing and disjoint, bin "
                + i
                + " starts at "
                + bins.get(i).low()
                + " before bin "
                + (i - 1)
                + " ends at "
                + bins.get(i - 1).high());
      }
    }
    if (labels.size() != bins.size()) {
      throw new IllegalArgumentException(
          what + " has " + bins.size() + " bins but " + labels.size() + " labels");
    }
    checkLabels(what, labels);
  }

  private static void checkLabelMap(
      String what, String name, List<String> labels, Map<String, String> labelMap) {
    for (String label : labels) {
      if (!labelMap.containsKey(label)) {
        throw new IllegalArgumentException(
            what + ": label_map lacks model label '" + label + "' (every label must be mapped)");
      }
    }
    for (String key : labelMap.keySet()) {
      if (!labels.contains(key)) {
        throw new IllegalArgumentException(
            what + ": label_map names '" + key + "', which is not one of its labels " + labels);
      }
    }
    Optional<List<String>> truth = GroundTruthLabels.of(name);
    if (truth.isEmpty()) {
      throw new IllegalArgumentException(
          what + ": label_map given, but the ground truth has no task '" + name + "'");
    }
    for (Map.Entry<String, String> e : labelMap.entrySet()) {
      if (!truth.get().contains(e.getValue())) {
        throw new IllegalArgumentException(
            what
                + ": label_map maps '"
                + e.getKey()
                + "' to '"
                + e.getValue()
                + "', which is not a ground-truth label "
                + truth.get());
      }
    }
  }

  /**
   * What a model must declare beyond the descriptor itself: the output it reads and, for an ordinal
   * task, its ranks.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  public void requireModelComplete() {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("task '" + name + "' names no output");
    }
    if ((readout == Readout.ORDINAL || readout == Readout.DISTRIBUTION) && ranks.size() < 2) {
      throw new IllegalArgumentException(
          readout.jsonName() + " task '" + name + "' needs at least 2 ranks, has " + ranks.size());
    }
  }

  private static boolean hasWidth(Readout readout, List<Integer> ranks, List<String> labels) {
    return switch (readout) {
      case ORDINAL, DISTRIBUTION -> ranks.size() >= 2;
      case NOMINAL, BINNED -> !labels.isEmpty();
      case REGRESSION -> true;
    };
  }

  private static int width(Readout readout, List<Integer> ranks, List<String> labels) {
    return switch (readout) {
      case ORDINAL -> ranks.size() - 1;
      case DISTRIBUTION -> ranks.size();
      case NOMINAL, BINNED -> labels.size();
      case REGRESSION -> 1;
    };
  }

  private static String widthReason(Readout readout, List<Integer> ranks, List<String> labels) {
    return switch (readout) {
      case ORDINAL -> "K-1 thresholds for " + ranks.size() + " ranks";
      case DISTRIBUTION -> "one per rank, " + ranks.size() + " ranks";
      case NOMINAL -> "one per label, " + labels.size() + " labels";
      case BINNED -> "one per bin, " + labels.size() + " bins";
      case REGRESSION -> "one scalar";
    };
  }

  /**
   * Number of values this task reads from its output: K−1 for ordinal thresholds, K for a
   * distribution, C for nominal and binned, 1 for a regression.
   */
  @JsonIgnore
  public int outputWidth() {
    return width(readout, ranks, labels);
  }

  /** Why {@link #outputWidth()} is what it is, for messages. */
  @JsonIgnore
  public String outputWidthReason() {
    return widthReason(readout, ranks, labels);
  }

  /** The first column read: the slice's start, or 0. */
  @JsonIgnore
  public int sliceFrom() {
    return slice == null ? 0 : slice.from();
  }

  /** The activation in effect: as declared, else none for a regression and logits otherwise. */
  @JsonIgnore
  public Activation activationOrDefault() {
    if (activation != null) {
      return activation;
    }
    return readout == Readout.REGRESSION ? Activation.NONE : Activation.LOGITS;
  }

  /** The offset in effect (0 when not declared). */
  @JsonIgnore
  public double offsetOrZero() {
    return offset == null ? 0.0 : offset;
  }

  /** Whether this task uses anything contract version 1 does not have. */
  @JsonIgnore
  public boolean needsVersion2() {
    return !readout.isVersion1() || slice != null || activation != null || !labelMap.isEmpty();
  }

  /** Whether the audit compares this task through a label map. */
  @JsonIgnore
  public boolean isMapped() {
    return !labelMap.isEmpty();
  }

  /**
   * The task as the audit compares it with the ground truth: through the label map when there is
   * one (labels become the ground truth's labels, in the ground truth's order), else itself.
   */
  public TaskSpec groundTruthView() {
    if (labelMap.isEmpty()) {
      return this;
    }
    List<String> truth = GroundTruthLabels.of(name).orElseThrow();
    return nominal(name, output, truth);
  }

  /** The ground-truth labels the map reaches, in ground-truth order (for method notes). */
  @JsonIgnore
  public List<String> mappedTargets() {
    return List.copyOf(new LinkedHashSet<>(labelMap.values()));
  }

  /**
   * The index of the bin holding the ages {@code min..max}, or −1 when no single bin holds them
   * (binned tasks only).
   */
  public int binOf(int min, int max) {
    for (int i = 0; i < bins.size(); i++) {
      if (bins.get(i).contains(min, max)) {
        return i;
      }
    }
    return -1;
  }

  @JsonValue
  Json toJson() {
    return new Json(
        name, readout, output, ranks, labels, slice, activation, scale, offset, bins, labelMap);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static TaskSpec fromJson(Json json) {
    return new TaskSpec(
        json.name(),
        null,
        json.output(),
        json.ranks(),
        json.labels(),
        json.kind(),
        json.slice(),
        json.activation(),
        json.scale(),
        json.offset(),
        json.bins(),
        json.labelMap());
  }

  /** The JSON form: the fields of a {@code dmtl.tasks} entry, new ones left out when unused. */
  @JsonPropertyOrder({
    "name",
    "kind",
    "output",
    "ranks",
    "labels",
    "slice",
    "activation",
    "scale",
    "offset",
    "bins",
    "label_map"
  })
  record Json(
      @JsonProperty(required = true) String name,
      @JsonProperty(required = true) Readout kind,
      String output,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> ranks,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labels,
      OutputSlice slice,
      Activation activation,
      Double scale,
      Double offset,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AgeBin> bins,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labelMap) {}
}
