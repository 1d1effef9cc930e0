package dev.dmtl.reports.tables;

import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.model.ModelProvenance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The model's tasks and training history as tables. */
public final class ModelTables {

  public static final List<String> MODEL_TASKS =
      List.of("task", "kind", "output", "classes", "log_variance", "sigma_squared", "beta");

  /**
   * Fixed leading columns of {@code training_history.csv}; per-task and validation columns follow.
   */
  public static final List<String> HISTORY_FIXED =
      List.of("epoch", "seconds", "images_per_second", "learning_rate", "train_loss");

  private ModelTables() {}

  /**
   * One row per task: its classes and, when the model declares {@code dmtl.log_variance}, the
   * learned s_t, σ_t² = exp(s_t) and β_t (Eq. 16) — NA otherwise.
   */
  public static CsvTable tasks(ModelContract contract) {
    Map<String, Double> beta = UncertaintyWeights.beta(orderedLogVariance(contract));
    CsvTable.Builder t = CsvTable.builder("model_tasks", MODEL_TASKS);
    for (TaskSpec task : contract.tasks()) {
      Double s = contract.logVariance().get(task.name());
      double lv = s == null ? Double.NaN : s;
      String classes =
          task.kind() == TaskKind.ORDINAL && task.ranks().isEmpty()
              ? "value x " + task.scale() + " + " + task.offsetOrZero()
              : task.kind() == TaskKind.ORDINAL
                  ? task.ranks().get(0)
                      + "–"
                      + task.ranks().get(task.ranks().size() - 1)
                      + " ("
                      + task.ranks().size()
                      + " ranks)"
                  : String.join(", ", task.labels());
      t.row(
          task.name(),
          task.readout().jsonName(),
          task.output(),
          classes,
          NumberStyle.WEIGHT.format(lv),
          NumberStyle.WEIGHT.format(Math.exp(lv)),
          NumberStyle.WEIGHT.format(beta.getOrDefault(task.name(), Double.NaN)));
    }
    return t.build();
  }

  /** The declared log-variances in task order (β sums to 1 over exactly these). */
  public static Map<String, Double> orderedLogVariance(ModelContract contract) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (TaskSpec task : contract.tasks()) {
      Double s = contract.logVariance().get(task.name());
      if (s != null) {
        out.put(task.name(), s);
      }
    }
    return out;
  }

  /**
   * One row per epoch: the fixed columns, then {@code loss_<task>}, {@code log_variance_<task>},
   * {@code beta_<task>} for every task seen, then {@code val_<name>} for every numeric validation
   * metric seen and {@code val_cs_<k>} for the validation CS curve.
   */
  public static CsvTable history(ModelProvenance provenance) {
    List<EpochRecord> epochs = provenance.history();
    Set<String> lossTasks = keys(epochs, EpochRecord::taskLoss);
    Set<String> lvTasks = keys(epochs, EpochRecord::logVariance);
    Set<String> betaTasks = keys(epochs, EpochRecord::beta);
    Set<String> validation = keys(epochs, ModelProvenance::validation);
    int csLength =
        epochs.stream().mapToInt(e -> ModelProvenance.cumulativeScore(e).size()).max().orElse(0);
    List<String> header = new ArrayList<>(HISTORY_FIXED);
    lossTasks.forEach(t -> header.add("loss_" + t));
    lvTasks.forEach(t -> header.add("log_variance_" + t));
    betaTasks.forEach(t -> header.add("beta_" + t));
    validation.forEach(v -> header.add("val_" + v));
    for (int k = 0; k < csLength; k++) {
      header.add("val_cs_" + k);
    }
    CsvTable.Builder t = CsvTable.builder("training_history", header);
    for (EpochRecord e : epochs) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(e.epoch()));
      row.add(NumberStyle.ONE_DECIMAL.format(e.seconds()));
      row.add(NumberStyle.ONE_DECIMAL.format(e.imagesPerSecond()));
      row.add(NumberStyle.SIGNIFICANT.format(e.learningRate()));
      row.add(NumberStyle.LOSS.format(e.trainLoss()));
      lossTasks.forEach(
          k -> row.add(NumberStyle.LOSS.format(e.taskLoss().getOrDefault(k, Double.NaN))));
      lvTasks.forEach(
          k -> row.add(NumberStyle.WEIGHT.format(e.logVariance().getOrDefault(k, Double.NaN))));
      betaTasks.forEach(
          k -> row.add(NumberStyle.WEIGHT.format(e.beta().getOrDefault(k, Double.NaN))));
      validation.forEach(
          k ->
              row.add(
                  validationStyle(k)
                      .format(ModelProvenance.validation(e).getOrDefault(k, Double.NaN))));
      for (int k = 0; k < csLength; k++) {
        row.add(
            NumberStyle.PROPORTION.format(
                k < ModelProvenance.cumulativeScore(e).size()
                    ? ModelProvenance.cumulativeScore(e).get(k)
                    : Double.NaN));
      }
      t.row(row);
    }
    return t.build();
  }

  /** The number style of a validation metric (see {@link ModelProvenance#validationStyle}). */
  public static NumberStyle validationStyle(String name) {
    return ModelProvenance.validationStyle(name);
  }

  private static Set<String> keys(
      List<EpochRecord> epochs, Function<EpochRecord, Map<String, Double>> f) {
    Set<String> out = new LinkedHashSet<>();
    epochs.forEach(e -> out.addAll(f.apply(e).keySet()));
    return out;
  }
}
