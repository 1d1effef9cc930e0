package dev.dmtl.contract.decode;

import dev.dmtl.contract.model.Activation;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;

/** Turns one sample's logits into predictions. Pure functions, no allocation beyond the result. */
public final class OutputDecoder {

  private OutputDecoder() {}

  /** Numerically stable logistic function. */
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** Softmax with the max subtracted first, so logits of any size stay finite. */
  public static float[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double[] e = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      e[i] = Math.exp(logits[i] - max);
      sum += e[i];
    }
    float[] p = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }

  /**
   * Decodes an ordinal task's values (its slice of the output) by its readout: K−1 thresholds by
   * Eq. 6 and as an expected rank; a regression as {@code value × scale + offset}; a distribution
   * over K ranks as its argmax and its expected value.
   */
  public static OrdinalPrediction decodeOrdinal(TaskSpec task, float[] values) {
    requireKind(task, TaskKind.ORDINAL, values);
    return switch (task.readout()) {
      case REGRESSION -> regression(task, values[0]);
      case DISTRIBUTION -> distribution(task, values);
      default -> thresholds(task, values);
    };
  }

  private static OrdinalPrediction thresholds(TaskSpec task, float[] values) {
    boolean logits = task.activationOrDefault() == Activation.LOGITS;
    float[] p = new float[values.length];
    int above = 0;
    double expected = task.ranks().get(0);
    for (int k = 0; k < values.length; k++) {
      double pk = logits ? sigmoid(values[k]) : values[k];
      p[k] = (float) pk;
      if (pk > 0.5) {
        above++;
      }
      expected += pk * (task.ranks().get(k + 1) - task.ranks().get(k));
    }
    int rankIndex = 1 + above;
    return new OrdinalPrediction(rankIndex, task.ranks().get(rankIndex - 1), expected, p);
  }

  /**
   * A regression has no ranks: the predicted rank is the value rounded to the nearest integer (the
   * audit's CS and age bins count whole years), the expected rank is the value itself, and there
   * are no threshold probabilities.
   */
  private static OrdinalPrediction regression(TaskSpec task, float value) {
    double v = value * task.scale() + task.offsetOrZero();
    return new OrdinalPrediction(0, (int) Math.round(v), v, new float[0]);
  }

  /**
   * A distribution over ranks r_1..r_K: predicted rank = argmax (ties to the lower rank), expected
   * rank = Σ p_i r_i. Its threshold probabilities P(rank &gt; r_k) = Σ_{i&gt;k} p_i are stored like
   * an ordinal model's, so the two read the same way in prediction files.
   */
  private static OrdinalPrediction distribution(TaskSpec task, float[] values) {
    float[] p = task.activationOrDefault() == Activation.LOGITS ? softmax(values) : values;
    int best = 0;
    double expected = 0;
    for (int i = 0; i < p.length; i++) {
      expected += p[i] * (double) task.ranks().get(i);
      if (p[i] > p[best]) {
        best = i;
      }
    }
    float[] above = new float[p.length - 1];
    double tail = 0;
    for (int k = p.length - 1; k >= 1; k--) {
      tail += p[k];
      above[k - 1] = (float) Math.min(1.0, tail);
    }
    return new OrdinalPrediction(best + 1, task.ranks().get(best), expected, above);
  }

  /**
   * Decodes C values of a nominal (or binned) task: softmax of logits, or the probabilities as
   * given; prediction = argmax label.
   */
  public static NominalPrediction decodeNominal(TaskSpec task, float[] values) {
    requireKind(task, TaskKind.NOMINAL, values);
    float[] p = task.activationOrDefault() == Activation.LOGITS ? softmax(values) : values.clone();
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return new NominalPrediction(best, task.labels().get(best), p);
  }

  private static void requireKind(TaskSpec task, TaskKind kind, float[] logits) {
    if (task.kind() != kind) {
      throw new IllegalArgumentException(
          "task '" + task.name() + "' is " + task.kind() + ", not " + kind);
    }
    if (logits.length != task.outputWidth()) {
      throw new IllegalArgumentException(
          "task '"
              + task.name()
              + "' expects "
              + task.outputWidth()
              + " values, got "
              + logits.length);
    }
  }
}
