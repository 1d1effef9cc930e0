package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a DMTL ONNX model declares under the contract (version {@value #VERSION}). Built by {@link
 * ModelContractReader} from a file, or by the training exporter before it writes one. Its JSON form
 * is the {@code dmtl.*} metadata as one object, exactly as the run provenance embeds it: {@code
 * {"dmtl.contract":"1","dmtl.input":{…},"dmtl.tasks":[…],"dmtl.face_template":{…},
 * "dmtl.log_variance":{…},"dmtl.provenance":{…}}}; {@link ContractMetadata} splits it into ONNX
 * {@code metadata_props} entries and back.
 *
 * @param input the image input
 * @param tasks the tasks in the order the metadata lists them; names unique
 * @param faceTemplate landmark template for detect-and-align, or {@code null} when the model has
 *     none
 * @param logVariance learned log σ² per task name (paper Eq. 15), in task order; empty when not
 *     declared
 * @param provenance the {@code dmtl.provenance} JSON (any JSON value; dmtl's exporter writes a
 *     {@link dev.dmtl.contract.training.TrainingProvenance}), or {@code null}
 * @param explain per task name, the feature maps and head weights of its exact class activation
 *     maps ({@code dmtl.explain}), in task order; empty when the model declares none (then only
 *     occlusion sensitivity can explain it)
 */
@JsonPropertyOrder({
  ContractMetadata.KEY_CONTRACT,
  ContractMetadata.KEY_INPUT,
  ContractMetadata.KEY_TASKS,
  ContractMetadata.KEY_FACE_TEMPLATE,
  ContractMetadata.KEY_LOG_VARIANCE,
  ContractMetadata.KEY_EXPLAIN,
  ContractMetadata.KEY_PROVENANCE
})
public record ModelContract(
    @JsonProperty(value = ContractMetadata.KEY_INPUT, required = true) InputSpec input,
    @JsonProperty(value = ContractMetadata.KEY_TASKS, required = true) List<TaskSpec> tasks,
    @JsonProperty(ContractMetadata.KEY_FACE_TEMPLATE) FaceTemplate faceTemplate,
    @JsonProperty(ContractMetadata.KEY_LOG_VARIANCE) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Double> logVariance,
    @JsonProperty(ContractMetadata.KEY_PROVENANCE) JsonNode provenance,
    @JsonProperty(ContractMetadata.KEY_EXPLAIN) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, ExplainHead> explain) {

  /**
   * The newest contract version this code reads and writes. Version 2 adds task kinds (regression,
   * distribution, binned), slices, activations, label maps, and BGR / NHWC inputs; a model that
   * uses none of them is still written as version 1, so older readers keep reading it.
   */
  public static final String VERSION = "2";

  /** The versions this code reads. */
  public static final List<String> READABLE_VERSIONS = List.of("1", "2");

  public ModelContract {
    Objects.requireNonNull(input, "input");
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a model must declare at least one task");
    }
    Map<String, TaskSpec> byName = new LinkedHashMap<>();
    for (TaskSpec task : tasks) {
      task.requireModelComplete();
      if (byName.put(task.name(), task) != null) {
        throw new IllegalArgumentException("task name '" + task.name() + "' is declared twice");
      }
    }
    checkSharedOutputs(tasks);
    Map<String, Double> lv = logVariance == null ? Map.of() : logVariance;
    for (Map.Entry<String, Double> e : lv.entrySet()) {
      if (!byName.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            ContractMetadata.KEY_LOG_VARIANCE
                + " names task '"
                + e.getKey()
                + "', which is not declared");
      }
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            ContractMetadata.KEY_LOG_VARIANCE + "." + e.getKey() + " is not a number");
      }
    }
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String name : byName.keySet()) {
      if (lv.containsKey(name)) {
        ordered.put(name, lv.get(name));
      }
    }
    logVariance = Collections.unmodifiableMap(ordered);
    provenance = provenance == null || provenance.isNull() ? null : provenance.deepCopy();
    explain = checkExplain(byName, explain == null ? Map.of() : explain);
  }

  /** A contract without {@code dmtl.explain}: only occlusion sensitivity can explain the model. */
  public ModelContract(
      InputSpec input,
      List<TaskSpec> tasks,
      FaceTemplate faceTemplate,
      Map<String, Double> logVariance,
      JsonNode provenance) {
    this(input, tasks, faceTemplate, logVariance, provenance, Map.of());
  }

  /** This contract with {@code explain} in place of its own. */
  public ModelContract withExplain(Map<String, ExplainHead> explain) {
    return new ModelContract(input, tasks, faceTemplate, logVariance, provenance, explain);
  }

  /**
   * Whether every task declares what its exact class activation maps need. A model that declares
   * them for some tasks only is explained by occlusion, like one that declares none: one method per
   * model keeps the maps of one run comparable.
   */
  public boolean explainable() {
    return explain.keySet().containsAll(tasks.stream().map(TaskSpec::name).toList());
  }

  /**
   * What {@code dmtl inspect} and the validator say about explanations, e.g. {@code yes (exact
   * class activation maps for age, gender, race)} or {@code no: the model declares no feature maps
   * (occlusion sensitivity only)}.
   */
  public String explainability() {
    List<String> names = tasks.stream().map(TaskSpec::name).toList();
    if (explainable()) {
      return "yes (exact class activation maps for " + String.join(", ", names) + ")";
    }
    if (explain.isEmpty()) {
      return "no: the model declares no feature maps (occlusion sensitivity only)";
    }
    List<String> missing = names.stream().filter(n -> !explain.containsKey(n)).toList();
    return "no: feature maps declared for "
        + String.join(", ", explain.keySet())
        + " but not for "
        + String.join(", ", missing)
        + " (occlusion sensitivity only)";
  }

  /**
   * Exact CAMs are defined for heads whose values are logits of a linear layer over pooled
   * features: ordinal thresholds and nominal classes. A regression or a softmax already applied in
   * the graph would need the gradient through that activation, which the contract does not declare.
   */
  private static Map<String, ExplainHead> checkExplain(
      Map<String, TaskSpec> byName, Map<String, ExplainHead> explain) {
    for (Map.Entry<String, ExplainHead> e : explain.entrySet()) {
      TaskSpec task = byName.get(e.getKey());
      String field = ContractMetadata.KEY_EXPLAIN + "." + e.getKey();
      if (task == null) {
        throw new IllegalArgumentException(
            field + ": task '" + e.getKey() + "' is not declared (tasks: " + byName.keySet() + ")");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException(field + " is null");
      }
      boolean linearLogits =
          (task.readout() == Readout.ORDINAL || task.readout() == Readout.NOMINAL)
              && task.activationOrDefault() == Activation.LOGITS;
      if (!linearLogits) {
        throw new IllegalArgumentException(
            field
                + ": exact class activation maps need an ordinal or nominal task with logits, '"
                + task.name()
                + "' is "
                + task.readout().jsonName()
                + " with "
                + task.activationOrDefault().jsonName());
      }
    }
    Map<String, ExplainHead> ordered = new LinkedHashMap<>();
    for (String name : byName.keySet()) {
      if (explain.containsKey(name)) {
        ordered.put(name, explain.get(name));
      }
    }
    return Collections.unmodifiableMap(ordered);
  }

  /**
   * The oldest contract version that can express this contract: "1" unless it uses a version 2
   * feature. Written so that a file says which contract it follows. {@code dmtl.explain} does not
   * raise the version: a reader that does not know it decodes the model correctly and only misses
   * the exact CAMs, so a model that adds it stays readable by every earlier tool.
   */
  @JsonProperty(value = ContractMetadata.KEY_CONTRACT, access = JsonProperty.Access.READ_ONLY)
  public String contractVersion() {
    boolean v2 = input.needsVersion2() || tasks.stream().anyMatch(TaskSpec::needsVersion2);
    return v2 ? VERSION : "1";
  }

  /**
   * Several tasks may read one output (InsightFace's {@code [N, 3]}), each its own slice; the
   * slices must not overlap, or one column would be decoded twice as different things.
   */
  private static void checkSharedOutputs(List<TaskSpec> tasks) {
    for (int i = 0; i < tasks.size(); i++) {
      for (int j = i + 1; j < tasks.size(); j++) {
        TaskSpec a = tasks.get(i);
        TaskSpec b = tasks.get(j);
        if (!Objects.equals(a.output(), b.output())) {
          continue;
        }
        if (a.slice() == null || b.slice() == null) {
          throw new IllegalArgumentException(
              "tasks '"
                  + a.name()
                  + "' and '"
                  + b.name()
                  + "' read the same output '"
                  + a.output()
                  + "': each needs a slice");
        }
        if (a.slice().from() < b.slice().to() && b.slice().from() < a.slice().to()) {
          throw new IllegalArgumentException(
              "tasks '"
                  + a.name()
                  + "' and '"
                  + b.name()
                  + "' read overlapping slices "
                  + a.slice()
                  + " and "
                  + b.slice()
                  + " of output '"
                  + a.output()
                  + "'");
        }
      }
    }
  }

  public Optional<TaskSpec> task(String name) {
    return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<FaceTemplate> template() {
    return Optional.ofNullable(faceTemplate);
  }

  /** The provenance JSON, a copy (trees are mutable). */
  @Override
  public JsonNode provenance() {
    return provenance == null ? null : provenance.deepCopy();
  }
}
