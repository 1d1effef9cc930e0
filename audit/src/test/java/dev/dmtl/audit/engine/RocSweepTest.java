package dev.dmtl.audit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sweep's AUC of every group, weighted as a resample weights it, against the definition
 * computed pair by pair: ties count half, rows without a score or without a group take no part, and
 * a group of one label has none.
 */
class RocSweepTest {

  @Test
  void everyGroupsWeightedAucIsThePairwiseOne() {
    SplittableRandom rng = new SplittableRandom(17);
    int n = 700;
    // site (4 values), light (2), and the label itself as an attribute: its groups hold one label
    GroupIndex index =
        new GroupIndex(
            List.of("site", "light", "label"),
            List.of(List.of("a", "b", "c", "d"), List.of("dim", "bright"), List.of("no", "yes")),
            2);
    int[][] codes = new int[3][n];
    double[] score = new double[n];
    boolean[] positive = new boolean[n];
    int[] cluster = new int[n];
    for (int i = 0; i < n; i++) {
      positive[i] = rng.nextDouble() < 0.4;
      codes[0][i] = rng.nextInt(10) == 0 ? -1 : rng.nextInt(4); // some without a site
      codes[1][i] = rng.nextInt(2);
      codes[2][i] = positive[i] ? 1 : 0;
      // scores on a coarse grid, so many tie; some rows have none
      score[i] =
          rng.nextInt(15) == 0
              ? Double.NaN
              : Math.round((positive[i] ? 0.6 : 0.4) * 10 + rng.nextGaussian() * 2) / 10.0;
      cluster[i] = i / 2; // two faces per image
    }
    int clusters = n / 2;
    int[] weights = new int[clusters];
    for (int j = 0; j < clusters; j++) {
      weights[rng.nextInt(clusters)]++;
    }
    int[] cellOf = index.cellsOf(codes, n);
    RocSweep sweep = new RocSweep(new RocSweep.Scores(score, positive), index, cellOf, cluster);
    int stride = 2;
    double[] stats = new double[index.groupCount() * stride];
    sweep.write(index, weights, stats, stride, 1, new RocSweep.Buffers());

    int compared = 0;
    for (int g = 0; g < index.groupCount(); g++) {
      double num = 0;
      double pos = 0;
      double neg = 0;
      for (int p = 0; p < n; p++) {
        if (!member(index, cellOf[p], g) || Double.isNaN(score[p]) || !positive[p]) {
          continue;
        }
        double wp = weights[cluster[p]];
        pos += wp;
        for (int q = 0; q < n; q++) {
          if (!member(index, cellOf[q], g) || Double.isNaN(score[q]) || positive[q]) {
            continue;
          }
          double wq = weights[cluster[q]];
          num += wp * wq * (score[p] > score[q] ? 1 : score[p] == score[q] ? 0.5 : 0);
        }
      }
      for (int q = 0; q < n; q++) {
        if (member(index, cellOf[q], g) && !Double.isNaN(score[q]) && !positive[q]) {
          neg += weights[cluster[q]];
        }
      }
      double expected = pos * neg > 0 ? num / (pos * neg) : Double.NaN;
      double actual = stats[g * stride + 1];
      if (Double.isNaN(expected)) {
        assertTrue(Double.isNaN(actual), index.groups().get(g).id() + ": " + actual);
      } else {
        assertEquals(expected, actual, 1e-12, index.groups().get(g).id());
        compared++;
      }
      assertEquals(0, stats[g * stride], "the sweep writes its own slot only");
    }
    // all, 4 sites, 2 lights, 8 site × light; every group of the label attribute has one label
    assertEquals(15, compared);
  }

  private static boolean member(GroupIndex index, int cell, int group) {
    for (int g : index.groupsOfCell(cell)) {
      if (g == group) {
        return true;
      }
    }
    return false;
  }
}
