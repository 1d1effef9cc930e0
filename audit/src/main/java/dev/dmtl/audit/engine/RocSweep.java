package dev.dmtl.audit.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

  /** Groupings swept together (see {@link #sweep}). */
  private static final int LANES = 4;

  /** Scored rows in score order (ties by row): their cluster and label. */
  private final int[] cluster;

  private final boolean[] positive;

  /**
   * Per swept grouping, per scored row in score order, its group in that grouping (a spare past
   * {@code groupCount()} when it has none).
   */
  private final int[][] groupOf;

  /** Per position the end (exclusive) of its run of tied scores. */
  private final int[] runEnd;

  /**
   * @param index the groups
   * @param cellOf per row its cell
   * @param clusterOf per row its cluster (the bootstrap's weights are per cluster)
   */
  RocSweep(Scores scores, GroupIndex index, int[] cellOf, int[] clusterOf) {
    double[] s = scores.score();
    int[] order = scoreOrder(s);
    int m = order.length;
    // A resample's sweep reads these in score order. Looking a row's groups up through its cell
    // would jump through memory at random once per row and group; one array per grouping is read
    // straight through.
    this.cluster = new int[m];
    this.positive = new boolean[m];
    int[][] all = new int[index.groupings().size()][m];
    for (int gi = 0; gi < all.length; gi++) {
      Arrays.fill(all[gi], -1);
    }
    // which groups have rows of both labels: a group with one label has no AUC in any resample
    boolean[] hasPositive = new boolean[index.groupCount()];
    boolean[] hasNegative = new boolean[index.groupCount()];
    for (int j = 0; j < m; j++) {
      cluster[j] = clusterOf[order[j]];
      positive[j] = scores.positive()[order[j]];
      for (int g : index.groupsOfCell(cellOf[order[j]])) {
        all[index.groupingOf(g)][j] = g;
        if (positive[j]) {
          hasPositive[g] = true;
        } else {
          hasNegative[g] = true;
        }
      }
    }
    // A grouping none of whose groups has both labels is not swept at all: the task's own truth
    // attribute and every intersection with it (a group of one gender has no gender AUC).
    List<int[]> swept = new ArrayList<>();
    for (int gi = 0; gi < all.length; gi++) {
      boolean any = false;
      for (int g : index.groupsOf(gi)) {
        any |= hasPositive[g] && hasNegative[g];
      }
      if (any) {
        int spare = index.groupCount() + swept.size() % LANES; // no group: a spare of its lane
        int[] group = all[gi];
        for (int j = 0; j < m; j++) {
          if (group[j] < 0) {
            group[j] = spare;
          }
        }
        swept.add(group);
      }
    }
    this.groupOf = swept.toArray(int[][]::new);
    this.runEnd = new int[m];
    for (int j = m - 1; j >= 0; j--) {
      boolean tiesNext = j + 1 < m && s[order[j + 1]] == s[order[j]];
      runEnd[j] = tiesNext ? runEnd[j + 1] : j + 1;
    }
  }

  /**
   * The rows with a score, by score and then by row. Sorted as primitives (a row's key is the rank
   * of its score among the distinct scores, then the row), not as boxed indices with a comparator,
   * which took seconds for a million rows.
   */
  private static int[] scoreOrder(double[] s) {
    double[] distinct =
        Arrays.stream(s).filter(v -> !Double.isNaN(v)).sorted().distinct().toArray();
    long[] keys = new long[s.length];
    int m = 0;
    for (int i = 0; i < s.length; i++) {
      if (!Double.isNaN(s[i])) {
        long rank = Arrays.binarySearch(distinct, s[i]);
        keys[m++] = (rank << 32) | i;
      }
    }
    keys = Arrays.copyOf(keys, m);
    Arrays.sort(keys);
    int[] order = new int[m];
    for (int j = 0; j < m; j++) {
      order[j] = (int) keys[j];
    }
    return order;
  }

  /**
   * Writes every group's AUC into {@code groupStats[g * stride + slot]} (NaN unless the group has
   * rows of both labels).
   *
   * @param clusterWeights the weight of every cluster, or null for 1 each
   */
  void write(
      GroupIndex index,
      int[] clusterWeights,
      double[] groupStats,
      int stride,
      int slot,
      Buffers buffers) {
    int groups = index.groupCount();
    int m = cluster.length;
    // Each row's weight split by its label, so the sweep adds without asking which label a row
    // has: in score order the labels alternate at random, and a branch on them is mispredicted
    // about every other row.
    double[] positiveWeight = buffers.weights(0, m);
    double[] negativeWeight = buffers.weights(1, m);
    for (int j = 0; j < m; j++) {
      int w = clusterWeights == null ? 1 : clusterWeights[cluster[j]];
      positiveWeight[j] = positive[j] ? w : 0;
      negativeWeight[j] = positive[j] ? 0 : w;
    }
    // per group (and one more for rows without a group in a grouping): negatives below the
    // current score (in the end: all negatives), the Mann-Whitney numerator, positives
    double[] negBelow = buffers.zeroed(0, groups + LANES);
    double[] num = buffers.zeroed(1, groups + LANES);
    double[] pos = buffers.zeroed(2, groups + LANES);
    double[] runNeg = buffers.zeroed(3, groups + LANES);
    for (int first = 0; first < groupOf.length; first += LANES) {
      int[][] lanes = Arrays.copyOfRange(groupOf, first, Math.min(groupOf.length, first + LANES));
      sweep(lanes, positiveWeight, negativeWeight, negBelow, num, pos, runNeg);
    }
    for (int g = 0; g < groups; g++) {
      double pairs = pos[g] * negBelow[g];
      groupStats[g * stride + slot] = pairs > 0 ? num[g] / pairs : Double.NaN;
    }
  }

  /**
   * The sweeps of up to four groupings at once ({@code groups.length} of 1 to 4), each scored row
   * counting into its one group of each grouping ({@code group[k][j]}; a spare when it has none).
   * One grouping's sweep is a chain of dependent additions (a row adds to the negatives below that
   * the next row of its group reads); four independent chains in one loop keep the processor busy
   * while each waits.
   */
  private void sweep(
      int[][] groups,
      double[] positiveWeight,
      double[] negativeWeight,
      double[] negBelow,
      double[] num,
      double[] pos,
      double[] runNeg) {
    int lanes = groups.length;
    int[] g0 = groups[0];
    int[] g1 = groups[Math.min(1, lanes - 1)];
    int[] g2 = groups[Math.min(2, lanes - 1)];
    int[] g3 = groups[Math.min(3, lanes - 1)];
    int m = g0.length;
    int j = 0;
    while (j < m) {
      int end = runEnd[j];
      if (end != j + 1) {
        for (int[] group : groups) {
          tiedRun(group, j, end, positiveWeight, negativeWeight, negBelow, num, pos, runNeg);
        }
        j = end;
        continue;
      }
      double pw = positiveWeight[j];
      double nw = negativeWeight[j];
      int a = g0[j];
      num[a] += pw * negBelow[a];
      pos[a] += pw;
      negBelow[a] += nw;
      if (lanes == 4) {
        int b = g1[j];
        int c = g2[j];
        int d = g3[j];
        num[b] += pw * negBelow[b];
        pos[b] += pw;
        negBelow[b] += nw;
        num[c] += pw * negBelow[c];
        pos[c] += pw;
        negBelow[c] += nw;
        num[d] += pw * negBelow[d];
        pos[d] += pw;
        negBelow[d] += nw;
      } else {
        for (int k = 1; k < lanes; k++) {
          int b = groups[k][j];
          num[b] += pw * negBelow[b];
          pos[b] += pw;
          negBelow[b] += nw;
        }
      }
      j++;
    }
  }

  /** A run of tied scores: a positive is above the negatives below and half above the tied ones. */
  private static void tiedRun(
      int[] group,
      int from,
      int end,
      double[] positiveWeight,
      double[] negativeWeight,
      double[] negBelow,
      double[] num,
      double[] pos,
      double[] runNeg) {
    for (int t = from; t < end; t++) {
      runNeg[group[t]] += negativeWeight[t];
    }
    for (int t = from; t < end; t++) {
      int g = group[t];
      num[g] += positiveWeight[t] * (negBelow[g] + 0.5 * runNeg[g]);
      pos[g] += positiveWeight[t];
    }
    for (int t = from; t < end; t++) {
      int g = group[t];
      negBelow[g] += runNeg[g];
      runNeg[g] = 0;
    }
  }

  /** Reusable work arrays of one thread. */
  static final class Buffers {
    private final double[][] arrays = new double[4][];
    private final double[][] weights = new double[2][];

    /** A work array of at least {@code length}, contents undefined. */
    double[] weights(int which, int length) {
      if (weights[which] == null || weights[which].length < length) {
        weights[which] = new double[length];
      }
      return weights[which];
    }

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
