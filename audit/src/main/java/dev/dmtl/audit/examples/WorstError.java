package dev.dmtl.audit.examples;

import java.util.Objects;

/**
 * One of the worst errors of a task.
 *
 * @param task the task
 * @param rank 1 for the worst
 * @param ref the face
 * @param truth the true label (ordinal: whole years, or a range {@code 25–32})
 * @param prediction the predicted label (ordinal: the age the audit used, whole years for the Eq. 6
 *     rank, two decimals for the expected age)
 * @param errorYears ordinal: predicted minus true age in years (distance to a true range); NaN for
 *     nominal
 * @param confidence nominal: probability the model gave its (wrong) answer; NaN for ordinal
 */
public record WorstError(
    String task,
    int rank,
    FaceRef ref,
    String truth,
    String prediction,
    double errorYears,
    double confidence) {

  public WorstError {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(prediction, "prediction");
  }
}
