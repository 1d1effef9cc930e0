package dev.dmtl.contract.decode;

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

  /** Decodes K−1 threshold logits of an ordinal task by Eq. 6 and as an expected rank. */
  public static OrdinalPrediction decodeOrdinal(TaskSpec task, float[] logits) {
    requireKind(task, TaskKind.ORDINAL, logits);
    float[] p = new float[logits.length];
    int above = 0;
    double expected = task.ranks().get(0);
    for (int k = 0; k < logits.length; k++) {
      double pk = sigmoid(logits[k]);
      p[k] = (float) pk;
      if (pk > 0.5) {
        above++;
      }
      expected += pk * (task.ranks().get(k + 1) - task.ranks().get(k));
    }
    int rankIndex = 1 + above;
    return new OrdinalPrediction(rankIndex, task.ranks().get(rankIndex - 1), expected, p);
  }

  /** Decodes C logits of a nominal task by softmax and argmax. */
  public static NominalPrediction decodeNominal(TaskSpec task, float[] logits) {
    requireKind(task, TaskKind.NOMINAL, logits);
    float[] p = softmax(logits);
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
              + " logits, got "
              + logits.length);
    }
  }
}
