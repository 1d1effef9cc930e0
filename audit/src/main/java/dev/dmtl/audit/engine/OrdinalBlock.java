package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.Arrays;
import java.util.List;

/**
 * A labelled ordinal task (age): per row the error in years, its CS bucket ⌈|error|⌉ and the
 * age-bin confusion cell. Statistics layout: B×B bin confusion, Σe, Σ|e|, Σe², CS histogram.
 */
public final class OrdinalBlock extends TaskBlock {

  private final int b;
  private final int[] binIndex;
  private final double[] error;
  private final byte[] csBucket;

  /**
   * @param binLabels age-bin labels
   * @param trueBin true age bin per row, -1 unknown
   * @param predictedBin predicted age bin per row, -1 missing
   * @param error prediction − truth in years per row; NaN exactly when truth or prediction is
   *     unknown
   */
  public OrdinalBlock(
      String task, List<String> binLabels, int[] trueBin, int[] predictedBin, double[] error) {
    super(
        task,
        TaskKind.ORDINAL,
        AuditMode.LABELLED,
        binLabels,
        metricsFor(TaskKind.ORDINAL, AuditMode.LABELLED));
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
  }

  @Override
  int stride() {
    return b * b + 3 + TaskContext.CS_SLOTS;
  }

  @Override
  int countsPerRow() {
    return 2;
  }

  @Override
  void countSlots(int i, int[] dest, int at) {
    boolean known = binIndex[i] >= 0;
    dest[at] = known ? binIndex[i] : NONE;
    dest[at + 1] = known ? b * b + 3 + csBucket[i] : NONE;
  }

  @Override
  int[] valueSlots() {
    return new int[] {b * b, b * b + 1, b * b + 2};
  }

  @Override
  double[][] valueColumns() {
    int n = error.length;
    double[] e = new double[n];
    double[] abs = new double[n];
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      if (binIndex[i] >= 0) {
        e[i] = error[i];
        abs[i] = Math.abs(error[i]);
        sq[i] = error[i] * error[i];
      }
    }
    return new double[][] {e, abs, sq};
  }

  @Override
  TaskContext context(double[] stats, int offset) {
    int sums = offset + b * b;
    return TaskContext.ordinal(
        b,
        Arrays.copyOfRange(stats, offset, sums),
        stats[sums],
        stats[sums + 1],
        stats[sums + 2],
        Arrays.copyOfRange(stats, sums + 3, sums + 3 + TaskContext.CS_SLOTS));
  }

  @Override
  long[][] confusion(double[] stats, int offset) {
    return square(stats, offset, b);
  }
}
