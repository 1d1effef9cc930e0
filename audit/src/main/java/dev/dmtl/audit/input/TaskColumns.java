package dev.dmtl.audit.input;

import dev.dmtl.audit.engine.OrdinalBlock;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import java.util.Objects;

/**
 * One task's values for every face row, as primitive arrays (missing = -1 for class indices, NaN
 * for numbers). Arrays that do not apply to the task's kind are null.
 *
 * @param task the task
 * @param truth nominal: index of the true label in {@code task.labels()}, -1 unknown
 * @param predicted nominal: index of the predicted label, -1 missing
 * @param confidence nominal: probability of the predicted label, NaN missing
 * @param truthLow ordinal: lower bound of the true age (years), NaN unknown
 * @param truthHigh ordinal: upper bound (equal to the lower for exact ages), NaN unknown
 * @param rank ordinal: the Eq. 6 predicted rank ({@code <task>_pred}), NaN missing
 * @param expected ordinal: the expected rank ({@code <task>_expected}), NaN missing or absent
 * @param probabilities nominal: per row the label probabilities ({@code C} floats at {@code i * C},
 *     NaN for a row without them), or null when the files have none
 * @param thresholds ordinal: the threshold probabilities summed into bins against the truth, or
 *     null when the files have none or the ranks are unknown
 */
public record TaskColumns(
    TaskSpec task,
    int[] truth,
    int[] predicted,
    double[] confidence,
    double[] truthLow,
    double[] truthHigh,
    double[] rank,
    double[] expected,
    float[] probabilities,
    OrdinalBlock.Thresholds thresholds) {

  public TaskColumns {
    Objects.requireNonNull(task, "task");
    boolean nominal = task.kind() == TaskKind.NOMINAL;
    if (nominal != (truth != null && predicted != null && confidence != null)
        || nominal == (truthLow != null && truthHigh != null && rank != null && expected != null)) {
      throw new IllegalArgumentException("arrays do not match the kind of task " + task.name());
    }
  }

  /** The same columns under another descriptor of the task (its ground-truth view). */
  public TaskColumns withTask(TaskSpec other) {
    if (other.equals(task)) {
      return this;
    }
    return new TaskColumns(
        other,
        truth,
        predicted,
        confidence,
        truthLow,
        truthHigh,
        rank,
        expected,
        probabilities,
        thresholds);
  }

  /** Rows with a known truth for this task. */
  public int labelled() {
    int c = 0;
    if (truth != null) {
      for (int t : truth) {
        if (t >= 0) {
          c++;
        }
      }
    } else {
      for (double t : truthLow) {
        if (!Double.isNaN(t)) {
          c++;
        }
      }
    }
    return c;
  }
}
