package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.NominalCalibration;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A labelled nominal task: per row the confusion cell {@code true * C + predicted}, and, when the
 * rows carry probabilities, the sums of calibration (reliability bins of the predicted label's
 * probability, Brier score, log-loss) and, for two labels, the ROC scores.
 *
 * <p>Statistics layout: C×C confusion; with probabilities then 3 slots (rows, Σ confidence,
 * correct) per equal-width bin, the same per equal-mass bin, Σ Brier, Σ log-loss, rows scored, and
 * the AUC slot (filled after aggregation).
 */
public final class NominalBlock extends TaskBlock {

  /** Probabilities below this count as this for the log-loss (as scikit-learn clips). */
  static final double LOG_LOSS_FLOOR = 1e-15;

  /**
   * The probabilities of a task's rows.
   *
   * @param confidence per row the probability of the predicted label, NaN missing
   * @param probabilities per row the C label probabilities in label order (row i at {@code i * C}),
   *     NaN where a row has none
   * @param width the equal-width bins
   * @param mass the equal-mass bins
   */
  public record Scores(double[] confidence, float[] probabilities, Binning width, Binning mass) {}

  private final int c;
  private final int[] confusionIndex;
  private final int[] truth;
  private final Scores scores;
  private final int widthAt;
  private final int massAt;
  private final int sumsAt;
  private final int stride;

  /**
   * @param truth true class index per row, -1 unknown
   * @param predicted predicted class index per row, -1 missing
   * @param scores the rows' probabilities, or null when the files have none
   */
  public NominalBlock(
      String task, List<String> labels, int[] truth, int[] predicted, Scores scores) {
    super(
        task,
        TaskKind.NOMINAL,
        AuditMode.LABELLED,
        labels,
        metricsFor(TaskKind.NOMINAL, AuditMode.LABELLED, available(labels, scores)));
    this.c = labels.size();
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth and prediction lengths differ");
    }
    if (scores != null
        && (scores.confidence().length != truth.length
            || scores.probabilities().length != truth.length * c)) {
      throw new IllegalArgumentException("probabilities and rows differ in length");
    }
    this.truth = truth.clone();
    this.scores = scores;
    confusionIndex = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      confusionIndex[i] = truth[i] < 0 || predicted[i] < 0 ? -1 : truth[i] * c + predicted[i];
    }
    widthAt = c * c;
    massAt = scores == null ? widthAt : widthAt + 3 * scores.width().bins();
    sumsAt = scores == null ? massAt : massAt + 3 * scores.mass().bins();
    stride = scores == null ? c * c : sumsAt + 4;
  }

  /** Without probabilities. */
  public NominalBlock(String task, List<String> labels, int[] truth, int[] predicted) {
    this(task, labels, truth, predicted, null);
  }

  private static Set<Metric.Needs> available(List<String> labels, Scores scores) {
    if (scores == null) {
      return Set.of();
    }
    return labels.size() == 2
        ? EnumSet.of(Metric.Needs.PROBABILITIES, Metric.Needs.TWO_CLASS_PROBABILITIES)
        : EnumSet.of(Metric.Needs.PROBABILITIES);
  }

  @Override
  int stride() {
    return stride;
  }

  @Override
  void emit(int i, Sink sink) {
    int cell = confusionIndex[i];
    if (cell < 0) {
      return;
    }
    sink.add(cell, 1);
    if (scores == null) {
      return;
    }
    double conf = scores.confidence()[i];
    if (!Double.isNaN(conf)) {
      double correct = cell / c == cell % c ? 1 : 0;
      int w = widthAt + 3 * scores.width().of(conf);
      sink.add(w, 1);
      sink.add(w + 1, conf);
      sink.add(w + 2, correct);
      int m = massAt + 3 * scores.mass().of(conf);
      sink.add(m, 1);
      sink.add(m + 1, conf);
      sink.add(m + 2, correct);
    }
    float[] p = scores.probabilities();
    int at = i * c;
    if (Float.isNaN(p[at])) {
      return;
    }
    double brier = 0;
    for (int k = 0; k < c; k++) {
      double d = p[at + k] - (k == truth[i] ? 1.0 : 0.0);
      brier += d * d;
    }
    sink.add(sumsAt, brier);
    sink.add(sumsAt + 1, -Math.log(Math.max(p[at + truth[i]], LOG_LOSS_FLOOR)));
    sink.add(sumsAt + 2, 1);
  }

  @Override
  TaskContext context(double[] stats, int offset) {
    double[] confusion = Arrays.copyOfRange(stats, offset, offset + c * c);
    if (scores == null) {
      return TaskContext.nominal(c, confusion);
    }
    return TaskContext.nominal(
        c,
        confusion,
        new NominalCalibration(
            binSums(stats, offset + widthAt, scores.width().bins()),
            binSums(stats, offset + massAt, scores.mass().bins()),
            stats[offset + sumsAt],
            stats[offset + sumsAt + 1],
            stats[offset + sumsAt + 2],
            c == 2 ? stats[offset + sumsAt + 3] : Double.NaN));
  }

  @Override
  long[][] confusion(double[] stats, int offset) {
    return square(stats, offset, c);
  }

  @Override
  RocSweep.Scores rocScores() {
    if (scores == null || c != 2) {
      return null;
    }
    int n = truth.length;
    double[] score = new double[n];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      float p = scores.probabilities()[2 * i + 1];
      score[i] = confusionIndex[i] < 0 || Float.isNaN(p) ? Double.NaN : p;
      positive[i] = truth[i] == 1;
    }
    return new RocSweep.Scores(score, positive);
  }

  @Override
  int aucSlot() {
    return scores == null || c != 2 ? -1 : sumsAt + 3;
  }

  @Override
  List<Reliability> reliability(double[] stats, int offset) {
    if (scores == null) {
      return List.of();
    }
    return List.of(
        new Reliability(
            "confidence_width",
            scores.width().edges(),
            binSums(stats, offset + widthAt, scores.width().bins())),
        new Reliability(
            "confidence_mass",
            scores.mass().edges(),
            binSums(stats, offset + massAt, scores.mass().bins())));
  }
}
