package dev.dmtl.audit.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The exact ROC AUC of every group at once: one pass over the scored rows in score order, each row
 * adding into the groups of its cell (the Mann–Whitney count: a positive row scores above every
 * negative row seen before it, and half above the negatives it ties with). Rows are weighted, so
 * the bootstrap resamples it like the sums; the order is fixed once.
 */
final class RocSweep {

  /**
   * The scores of a two-class task.
   *
   * @param score per row the probability of the second label, NaN for rows that take no part
   * @param positive per row whether its true label is the second one
   */
  record Scores(double[] score, boolean[] positive) {}

  private final Scores scores;
  private final int[] order;
  private final int[] runEnd;

  RocSweep(Scores scores) {
    this.scores = scores;
    double[] s = scores.score();
    this.order =
        IntStream.range(0, s.length)
            .filter(i -> !Double.isNaN(s[i]))
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> s[i]).thenComparingInt(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    this.runEnd = new int[order.length];
    for (int j = order.length - 1; j >= 0; j--) {
      boolean tiesNext = j + 1 < order.length && s[order[j + 1]] == s[order[j]];
      runEnd[j] = tiesNext ? runEnd[j + 1] : j + 1;
    }
  }

  /**
   * Writes every group's AUC into {@code groupStats[g * stride + slot]} (NaN unless the group has
   * rows of both labels).
   *
   * @param cellOf the cell of every row
   * @param rowWeight the weight of every row, or null for 1 each
   */
  void write(
      GroupIndex index,
      int[] cellOf,
      int[] rowWeight,
      double[] groupStats,
      int stride,
      int slot,
      Buffers buffers) {
    int groups = index.groupCount();
    double[] negBelow = buffers.zeroed(0, groups);
    double[] num = buffers.zeroed(1, groups);
    double[] pos = buffers.zeroed(2, groups);
    double[] neg = buffers.zeroed(3, groups);
    double[] runNeg = buffers.zeroed(4, groups);
    boolean[] positive = scores.positive();
    int m = order.length;
    int j = 0;
    while (j < m) {
      int end = runEnd[j];
      if (end == j + 1) {
        int r = order[j];
        int w = rowWeight == null ? 1 : rowWeight[r];
        if (w != 0) {
          for (int g : index.groupsOfCell(cellOf[r])) {
            if (positive[r]) {
              num[g] += w * negBelow[g];
              pos[g] += w;
            } else {
              negBelow[g] += w;
              neg[g] += w;
            }
          }
        }
      } else {
        for (int t = j; t < end; t++) {
          int r = order[t];
          int w = rowWeight == null ? 1 : rowWeight[r];
          if (w != 0 && !positive[r]) {
            for (int g : index.groupsOfCell(cellOf[r])) {
              runNeg[g] += w;
            }
          }
        }
        for (int t = j; t < end; t++) {
          int r = order[t];
          int w = rowWeight == null ? 1 : rowWeight[r];
          if (w != 0 && positive[r]) {
            for (int g : index.groupsOfCell(cellOf[r])) {
              num[g] += w * (negBelow[g] + 0.5 * runNeg[g]);
              pos[g] += w;
            }
          }
        }
        for (int t = j; t < end; t++) {
          int r = order[t];
          if (!positive[r]) {
            for (int g : index.groupsOfCell(cellOf[r])) {
              if (runNeg[g] != 0) {
                negBelow[g] += runNeg[g];
                neg[g] += runNeg[g];
                runNeg[g] = 0;
              }
            }
          }
        }
      }
      j = end;
    }
    for (int g = 0; g < groups; g++) {
      double pairs = pos[g] * neg[g];
      groupStats[g * stride + slot] = pairs > 0 ? num[g] / pairs : Double.NaN;
    }
  }

  /** Reusable work arrays of one thread. */
  static final class Buffers {
    private final double[][] arrays = new double[5][];

    double[] zeroed(int which, int length) {
      double[] a = arrays[which];
      if (a == null || a.length < length) {
        a = new double[length];
        arrays[which] = a;
      } else {
        Arrays.fill(a, 0, length, 0);
      }
      return a;
    }
  }
}
