package dev.dmtl.audit.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Sums per-cell statistics into every group, as marginals of the cell table: the statistics of a
 * grouping over attributes T are the cell table summed over every attribute not in T (unknown
 * values included), read at T's known values. Each grouping's marginal is summed from the smallest
 * marginal already computed that contains it (or from the cells), largest groupings first, so a
 * resample costs a few passes over small tables instead of one addition per cell and group.
 */
final class Marginals {

  private final GroupIndex index;
  private final int stride;

  /** Per grouping: the grouping it is summed from, -1 for the cell table, -2 when it is it. */
  private final int[] parentOf;

  /** Per grouping: for every cell of its parent, the cell of this marginal. */
  private final int[][] map;

  /** Per grouping: cells of its marginal. */
  private final int[] size;

  /** Groupings in the order they are computed. */
  private final int[] order;

  /** Per group: its cell in its grouping's marginal. */
  private final int[] groupCell;

  Marginals(GroupIndex index, int stride) {
    this.index = index;
    this.stride = stride;
    int attributes = index.attributeNames().size();
    int[] dims = new int[attributes];
    for (int a = 0; a < attributes; a++) {
      dims[a] = index.attributeValues().get(a).size() + 1;
    }
    int groupings = index.groupings().size();
    int[][] subsets = new int[groupings][];
    size = new int[groupings];
    for (int g = 0; g < groupings; g++) {
      subsets[g] = index.subset(g);
      int s = 1;
      for (int a : subsets[g]) {
        s *= dims[a];
      }
      size[g] = s;
    }
    order =
        IntStream.range(0, groupings)
            .boxed()
            .sorted(
                Comparator.comparingInt((Integer g) -> subsets[g].length)
                    .reversed()
                    .thenComparingInt(g -> g))
            .mapToInt(Integer::intValue)
            .toArray();
    parentOf = new int[groupings];
    map = new int[groupings][];
    boolean[] done = new boolean[groupings];
    int[] all = IntStream.range(0, attributes).toArray();
    for (int g : order) {
      if (Arrays.equals(subsets[g], all)) {
        parentOf[g] = -2;
        done[g] = true;
        continue;
      }
      int parent = -1;
      for (int u = 0; u < groupings; u++) {
        if (done[u]
            && subsets[u].length > subsets[g].length
            && contains(subsets[u], subsets[g])
            && (parent < 0 || size[u] < size[parent])) {
          parent = u;
        }
      }
      parentOf[g] = parent;
      int[] from = parent < 0 ? all : subsets[parent];
      map[g] = childMap(from, subsets[g], dims);
      done[g] = true;
    }
    groupCell = new int[index.groupCount()];
    for (int group = 0; group < groupCell.length; group++) {
      int[] subset = subsets[index.groupingOf(group)];
      int[] codes = index.codesOf(group);
      int cell = 0;
      int radix = 1;
      for (int k = 0; k < subset.length; k++) {
        cell += (codes[k] + 1) * radix;
        radix *= dims[subset[k]];
      }
      groupCell[group] = cell;
    }
  }

  private static boolean contains(int[] superset, int[] subset) {
    for (int a : subset) {
      if (Arrays.binarySearch(superset, a) < 0) {
        return false;
      }
    }
    return true;
  }

  /** For every cell of the table over {@code from}, its cell in the table over {@code to}. */
  private static int[] childMap(int[] from, int[] to, int[] dims) {
    int cells = 1;
    for (int a : from) {
      cells *= dims[a];
    }
    int[] out = new int[cells];
    int[] coord = new int[from.length];
    for (int p = 0; p < cells; p++) {
      int rest = p;
      for (int k = 0; k < from.length; k++) {
        coord[k] = rest % dims[from[k]];
        rest /= dims[from[k]];
      }
      int child = 0;
      int radix = 1;
      int k = 0;
      for (int a : to) {
        while (from[k] != a) {
          k++;
        }
        child += coord[k] * radix;
        radix *= dims[a];
      }
      out[p] = child;
    }
    return out;
  }

  /** Reusable marginal tables of one thread. */
  final class Buffers {
    private final double[][] tables = new double[size.length][];

    double[] zeroed(int grouping) {
      double[] t = tables[grouping];
      int length = size[grouping] * stride;
      if (t == null) {
        t = new double[length];
        tables[grouping] = t;
      } else {
        Arrays.fill(t, 0);
      }
      return t;
    }
  }

  Buffers buffers() {
    return new Buffers();
  }

  /**
   * Writes the statistics of every group ({@code groupCount × stride}) from the cell table.
   *
   * @param cellStats the cell table ({@code cells × stride}), not modified
   */
  void aggregate(double[] cellStats, double[] groupStats, Buffers buffers) {
    double[][] tables = new double[size.length][];
    for (int g : order) {
      if (parentOf[g] == -2) {
        tables[g] = cellStats;
        continue;
      }
      double[] parent = parentOf[g] < 0 ? cellStats : tables[parentOf[g]];
      double[] table = buffers.zeroed(g);
      int[] childOf = map[g];
      for (int p = 0; p < childOf.length; p++) {
        int from = p * stride;
        if (parent[from] == 0) {
          continue; // an empty cell adds nothing
        }
        int to = childOf[p] * stride;
        for (int j = 0; j < stride; j++) {
          table[to + j] += parent[from + j];
        }
      }
      tables[g] = table;
    }
    for (int group = 0; group < groupCell.length; group++) {
      System.arraycopy(
          tables[index.groupingOf(group)],
          groupCell[group] * stride,
          groupStats,
          group * stride,
          stride);
    }
  }
}
