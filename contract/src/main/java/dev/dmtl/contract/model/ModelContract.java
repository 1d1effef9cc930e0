package dev.dmtl.contract.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a DMTL ONNX model declares under the contract (version {@value #VERSION}). Built by
 * {@link ModelContractReader} from a file, or by the training exporter before it writes one.
 *
 * @param input the image input
 * @param tasks the tasks in the order the metadata lists them; names unique
 * @param faceTemplate landmark template for detect-and-align, or {@code null} when the model has none
 * @param logVariance learned log σ² per task name (paper Eq. 15), empty when not declared
 * @param provenanceJson the {@code dmtl.provenance} JSON as written, or {@code null}
 */
public record ModelContract(
    InputSpec input,
    List<TaskSpec> tasks,
    FaceTemplate faceTemplate,
    Map<String, Double> logVariance,
    String provenanceJson) {

  /** The contract version this code reads and writes. */
  public static final String VERSION = "1";

  public ModelContract {
    Objects.requireNonNull(input, "input");
    tasks = List.copyOf(tasks);
    logVariance = Map.copyOf(logVariance == null ? Map.of() : logVariance);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a model must declare at least one task");
    }
    Map<String, TaskSpec> byName = new LinkedHashMap<>();
    for (TaskSpec task : tasks) {
      if (byName.put(task.name(), task) != null) {
        throw new IllegalArgumentException("task name '" + task.name() + "' is declared twice");
      }
    }
    if (tasks.stream().map(TaskSpec::output).distinct().count() != tasks.size()) {
      throw new IllegalArgumentException("two tasks read the same output");
    }
    for (String name : logVariance.keySet()) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException("dmtl.log_variance names task '" + name + "', which is not declared");
      }
    }
  }

  public Optional<TaskSpec> task(String name) {
    return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<FaceTemplate> template() {
    return Optional.ofNullable(faceTemplate);
  }

  public Optional<String> provenance() {
    return Optional.ofNullable(provenanceJson);
  }
}
