package dev.dmtl.inference.explain;

import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.model.FacePrediction;

/**
 * The one number per task that occlusion watches, and how a change of it counts.
 *
 * <p>Nominal tasks watch the probability of the label predicted for the unoccluded face; a cell's
 * value is the drop {@code p(unoccluded) − p(occluded)}, in probability units, negative when
 * greying the cell made the model surer.
 *
 * <p>Ordinal tasks (age) watch the expected rank {@code r_1 + Σ_k p_k·(r_{k+1} − r_k)} (years for
 * age): a cell's value is the absolute change {@code |E(occluded) − E(unoccluded)|}, in rank units.
 * The expected rank was chosen over "the probability of the predicted rank" because the threshold
 * model gives no single probability for one rank that is both well defined and sensitive: most of
 * its K−1 threshold probabilities sit at 0 or 1 whatever is greyed. Its change has no sign that
 * means "less sure", so the absolute value is taken: an age map shows where greying moves the
 * estimated age, either way.
 */
public enum TaskScore {
  /** Drop of the predicted label's probability (nominal tasks). */
  PROBABILITY_DROP("drop of the predicted label's probability"),
  /** Absolute change of the expected rank (ordinal tasks; years for age). */
  EXPECTED_RANK_CHANGE("absolute change of the expected rank");

  private final String description;

  TaskScore(String description) {
    this.description = description;
  }

  /** One line for outputs and legends. */
  public String description() {
    return description;
  }

  /** The score a task of this kind is explained by. */
  public static TaskScore of(TaskSpec task) {
    return task.kind() == TaskKind.ORDINAL ? EXPECTED_RANK_CHANGE : PROBABILITY_DROP;
  }

  /**
   * The watched number of {@code task} in {@code prediction}.
   *
   * @param label for nominal tasks, the index of the label whose probability is watched (the
   *     unoccluded prediction's); ignored for ordinal tasks
   */
  public double value(TaskSpec task, FacePrediction prediction, int label) {
    return switch (this) {
      case PROBABILITY_DROP -> prediction.nominal(task.name()).probabilities()[label];
      case EXPECTED_RANK_CHANGE -> prediction.ordinal(task.name()).expectedRank();
    };
  }

  /** How much the answer moved from {@code reference} to {@code occluded}; larger is more. */
  public double effect(double reference, double occluded) {
    return switch (this) {
      case PROBABILITY_DROP -> reference - occluded;
      case EXPECTED_RANK_CHANGE -> Math.abs(occluded - reference);
    };
  }
}
