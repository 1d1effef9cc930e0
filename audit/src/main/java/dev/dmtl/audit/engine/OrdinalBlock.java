package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AgeCalibration;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.BinSums;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A labelled ordinal task (age): per row the error in years, its CS bucket ⌈|error|⌉ and the
 * age-bin confusion cell; with threshold probabilities, their reliability sums; with the expected
 * age, its reliability sums by predicted age group.
 *
 * <p>Statistics layout: B×B bin confusion, Σe, Σ|e|, Σe², CS histogram; then, with thresholds, 3
 * slots (predictions, Σ p_k, Σ [age &gt; r_k]) per probability bin and Σ Brier; then, with the
 * expected age, 3 slots (rows, Σ expected, Σ true age) per age group and Σ (expected − true).
 */
public final class OrdinalBlock extends TaskBlock {

  /**
   * The threshold probabilities of every row, already summed into probability bins (the K−1 values
   * of a row are not kept: at a million rows they would take half a gigabyte).
   *
   * @param binning the probability bins
   * @param count per row and bin (row i at {@code i * bins}) the thresholds in the bin
   * @param predicted per row and bin Σ p_k
   * @param observed per row and bin Σ [age &gt; r_k]
   * @param brier per row Σ (p_k − [age &gt; r_k])², NaN for a row without probabilities
   */
  public record Thresholds(
      Binning binning, short[] count, double[] predicted, short[] observed, double[] brier) {}

  /**
   * The expected age of every row against its true age.
   *
   * @param expected per row the expected age, NaN missing
   * @param truth per row the true age (the midpoint of a range), NaN unknown
   * @param bin per row the age group of the expected age, -1 missing
   * @param edges the age groups' edges, lowest first ({@code B + 1} values)
   */
  public record Expected(double[] expected, double[] truth, int[] bin, double[] edges) {}

  private final int b;
  private final int[] binIndex;
  private final double[] error;
  private final byte[] csBucket;
  private final Thresholds thresholds;
  private final Expected expected;
  private final int thresholdsAt;
  private final int expectedAt;
  private final int stride;

  /**
   * @param binLabels age-bin labels
   * @param trueBin true age bin per row, -1 unknown
   * @param predictedBin predicted age bin per row, -1 missing
   * @param error prediction − truth in years per row; NaN exactly when truth or prediction is
   *     unknown
   * @param thresholds the rows' threshold sums, or null without probabilities
   * @param expected the rows' expected ages, or null without them
   */
  public OrdinalBlock(
      String task,
      List<String> binLabels,
      int[] trueBin,
      int[] predictedBin,
      double[] error,
      Thresholds thresholds,
      Expected expected) {
    super(
        task,
        TaskKind.ORDINAL,
        AuditMode.LABELLED,
        binLabels,
        metricsFor(TaskKind.ORDINAL, AuditMode.LABELLED, available(thresholds, expected)));
    this.b = binLabels.size();
    int n = error.length;
    if (trueBin.length != n || predictedBin.length != n) {
      throw new IllegalArgumentException("ordinal arrays differ in length");
    }
    binIndex = new int[n];
    csBucket = new byte[n];
    this.error = error.clone();
    for (int i = 0; i < n; i++) {
      boolean known = trueBin[i] >= 0 && predictedBin[i] >= 0;
      if (known != !Double.isNaN(error[i])) {
        throw new IllegalArgumentException(
            "row " + i + ": age error and bins disagree on whether the row is known");
      }
      binIndex[i] = known ? trueBin[i] * b + predictedBin[i] : -1;
      // |e| <= k  <=>  ceil(|e|) <= k for integer k, so one bucket per row gives every CS(k)
      csBucket[i] =
          known ? (byte) Math.min(TaskContext.CS_SLOTS - 1, Math.ceil(Math.abs(error[i]))) : 0;
    }
    this.thresholds = thresholds;
    this.expected = expected;
    thresholdsAt = b * b + 3 + TaskContext.CS_SLOTS;
    expectedAt =
        thresholds == null ? thresholdsAt : thresholdsAt + 3 * thresholds.binning().bins() + 1;
    stride = expected == null ? expectedAt : expectedAt + 3 * b + 1;
  }

  /** Without calibration data. */
  public OrdinalBlock(
      String task, List<String> binLabels, int[] trueBin, int[] predictedBin, double[] error) {
    this(task, binLabels, trueBin, predictedBin, error, null, null);
  }

  private static Set<Metric.Needs> available(Thresholds thresholds, Expected expected) {
    Set<Metric.Needs> out = EnumSet.noneOf(Metric.Needs.class);
    if (thresholds != null) {
      out.add(Metric.Needs.PROBABILITIES);
    }
    if (expected != null) {
      out.add(Metric.Needs.EXPECTED_AGE);
    }
    return out;
  }

  @Override
  int stride() {
    return stride;
  }

  @Override
  void emit(int i, Sink sink) {
    if (binIndex[i] < 0) {
      return;
    }
    sink.add(binIndex[i], 1);
    sink.add(b * b + 3 + csBucket[i], 1);
    double e = error[i];
    sink.add(b * b, e);
    sink.add(b * b + 1, Math.abs(e));
    sink.add(b * b + 2, e * e);
    if (thresholds != null && !Double.isNaN(thresholds.brier()[i])) {
      int bins = thresholds.binning().bins();
      int at = i * bins;
      for (int k = 0; k < bins; k++) {
        int count = thresholds.count()[at + k];
        if (count > 0) {
          sink.add(thresholdsAt + 3 * k, count);
          sink.add(thresholdsAt + 3 * k + 1, thresholds.predicted()[at + k]);
          sink.add(thresholdsAt + 3 * k + 2, thresholds.observed()[at + k]);
        }
      }
      sink.add(thresholdsAt + 3 * bins, thresholds.brier()[i]);
    }
    if (expected != null && expected.bin()[i] >= 0 && !Double.isNaN(expected.truth()[i])) {
      int at = expectedAt + 3 * expected.bin()[i];
      sink.add(at, 1);
      sink.add(at + 1, expected.expected()[i]);
      sink.add(at + 2, expected.truth()[i]);
      sink.add(expectedAt + 3 * b, expected.expected()[i] - expected.truth()[i]);
    }
  }

  @Override
  TaskContext context(double[] stats, int offset) {
    int sums = offset + b * b;
    AgeCalibration calibration = null;
    if (thresholds != null || expected != null) {
      int tb = thresholds == null ? 0 : thresholds.binning().bins();
      BinSums t = binSums(stats, offset + thresholdsAt, tb);
      double brier = thresholds == null ? 0 : stats[offset + thresholdsAt + 3 * tb];
      BinSums e = expected == null ? binSums(stats, 0, 0) : binSums(stats, offset + expectedAt, b);
      double errorSum = expected == null ? 0 : stats[offset + expectedAt + 3 * b];
      calibration = new AgeCalibration(t, brier, e, errorSum);
    }
    return TaskContext.ordinal(
        b,
        Arrays.copyOfRange(stats, offset, sums),
        stats[sums],
        stats[sums + 1],
        stats[sums + 2],
        Arrays.copyOfRange(stats, sums + 3, sums + 3 + TaskContext.CS_SLOTS),
        calibration);
  }

  @Override
  long[][] confusion(double[] stats, int offset) {
    return square(stats, offset, b);
  }

  @Override
  List<Reliability> reliability(double[] stats, int offset) {
    List<Reliability> out = new ArrayList<>();
    if (thresholds != null) {
      out.add(
          new Reliability(
              "thresholds",
              thresholds.binning().edges(),
              binSums(stats, offset + thresholdsAt, thresholds.binning().bins())));
    }
    if (expected != null) {
      out.add(
          new Reliability(
              "expected_age", expected.edges(), binSums(stats, offset + expectedAt, b)));
    }
    return out;
  }
}
