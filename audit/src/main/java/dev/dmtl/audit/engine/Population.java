package dev.dmtl.audit.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The rows of one audit population (faces for metrics, inputs for coverage) as primitive arrays:
 * each row's cell (its attribute combination), its cluster (the image it belongs to) and the task
 * blocks. Weighted passes over it give per-group statistics; the bootstrap re-weights clusters by
 * how often a resample drew them and never touches anything but these arrays.
 *
 * <p>Cell statistics layout: slot 0 counts rows, then each block's {@link TaskBlock#stride()}
 * slots. Every block's contributions are flattened once into a plan, rows sorted by cell so a pass
 * writes one cell's slots after another: unit contributions as slot lists, others as (slot, amount)
 * lists.
 */
public final class Population {

  private final int n;
  private final GroupIndex index;
  private final int[] cellOf;
  private final int[] clusterOf;
  private final int clusters;
  private final List<TaskBlock> blocks;
  private final int[] offsets;
  private final int stride;
  // the plan, rows in cell order
  private final int[] planRow;
  private final int[] planCell;
  private final int[] planCluster;
  private final int[] countStart;
  private final int[] valueStart;
  // Slots as chars and amounts as floats: a resample streams the whole plan from memory (about
  // 60 contributions a face with calibration), and at a million faces the pass waits on memory,
  // not on arithmetic. Halving the bytes halves the pass. Resample values are kept as floats
  // anyway (Bootstrap.Samples); the point estimate is summed once from the exact amounts.
  private final char[] countSlot;
  private final char[] valueSlot;
  private final float[] valueAmount;
  private final double[] pointCells;
  private final Marginals marginals;
  private final List<RocSweep> sweeps = new ArrayList<>();
  private final List<Integer> sweepSlots = new ArrayList<>();

  /** Every row its own cluster: the bootstrap resamples rows. */
  public Population(int n, GroupIndex index, int[][] codes, List<TaskBlock> blocks) {
    this(n, index, codes, blocks, IntStream.range(0, n).toArray());
  }

  /**
   * @param n rows
   * @param index groupings and cells
   * @param codes per attribute (in {@code index} order) the value index of each row, -1 unknown
   * @param blocks the tasks, each holding arrays of length {@code n}
   * @param clusterOf per row its cluster, 0-based and dense; the bootstrap draws clusters (the
   *     images faces come from), so rows of one cluster are always drawn together
   */
  public Population(
      int n, GroupIndex index, int[][] codes, List<TaskBlock> blocks, int[] clusterOf) {
    if (codes.length != index.attributeNames().size()) {
      throw new IllegalArgumentException(
          codes.length + " code arrays for " + index.attributeNames().size() + " attributes");
    }
    if (clusterOf.length != n) {
      throw new IllegalArgumentException(clusterOf.length + " clusters for " + n + " rows");
    }
    this.n = n;
    this.index = index;
    this.cellOf = index.cellsOf(codes, n);
    this.clusterOf = clusterOf.clone();
    this.clusters = n == 0 ? 0 : Arrays.stream(clusterOf).max().orElse(-1) + 1;
    this.blocks = List.copyOf(blocks);
    this.offsets = new int[blocks.size()];
    int s = 1; // slot 0: rows in the cell
    for (int t = 0; t < blocks.size(); t++) {
      offsets[t] = s;
      s += blocks.get(t).stride();
    }
    this.stride = s;

    // rows by cell (then by row, so the order and with it every floating-point sum is fixed)
    int[] cellCount = new int[index.cells() + 1];
    for (int i = 0; i < n; i++) {
      cellCount[cellOf[i] + 1]++;
    }
    for (int c = 0; c < index.cells(); c++) {
      cellCount[c + 1] += cellCount[c];
    }
    planRow = new int[n];
    planCell = new int[n];
    planCluster = new int[n];
    for (int i = 0; i < n; i++) {
      int at = cellCount[cellOf[i]]++;
      planRow[at] = i;
      planCell[at] = cellOf[i];
      planCluster[at] = clusterOf[i];
    }
    PlanBuilder plan = new PlanBuilder(n);
    for (int j = 0; j < n; j++) {
      int row = planRow[j];
      for (int t = 0; t < blocks.size(); t++) {
        int offset = offsets[t];
        blocks.get(t).emit(row, (slot, amount) -> plan.add(offset + slot, amount));
      }
      plan.endRow(j);
    }
    if (stride > Character.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a group needs " + stride + " statistics, more than " + (int) Character.MAX_VALUE);
    }
    countStart = plan.countStart;
    valueStart = plan.valueStart;
    pointCells = new double[index.cells() * stride];
    countSlot = new char[plan.counts];
    valueSlot = new char[plan.values];
    valueAmount = new float[plan.values];
    for (int j = 0; j < n; j++) {
      int base = planCell[j] * stride;
      pointCells[base]++;
      for (int k = countStart[j]; k < countStart[j + 1]; k++) {
        pointCells[base + plan.countSlot[k]]++;
        countSlot[k] = (char) plan.countSlot[k];
      }
      for (int k = valueStart[j]; k < valueStart[j + 1]; k++) {
        pointCells[base + plan.valueSlot[k]] += plan.valueAmount[k];
        valueSlot[k] = (char) plan.valueSlot[k];
        valueAmount[k] = (float) plan.valueAmount[k];
      }
    }
    marginals = new Marginals(index, stride);
    for (int t = 0; t < blocks.size(); t++) {
      RocSweep.Scores scores = blocks.get(t).rocScores();
      if (scores != null) {
        sweeps.add(new RocSweep(scores, index, cellOf, this.clusterOf));
        sweepSlots.add(offsets[t] + blocks.get(t).aucSlot());
      }
    }
  }

  /** Growing arrays of the plan. */
  private static final class PlanBuilder {
    final int[] countStart;
    final int[] valueStart;
    int[] countSlot;
    int[] valueSlot;
    double[] valueAmount;
    int counts;
    int values;

    PlanBuilder(int n) {
      countStart = new int[n + 1];
      valueStart = new int[n + 1];
      countSlot = new int[Math.max(16, n * 2)];
      valueSlot = new int[Math.max(16, n * 2)];
      valueAmount = new double[Math.max(16, n * 2)];
    }

    void add(int slot, double amount) {
      if (amount == 1) {
        if (counts == countSlot.length) {
          countSlot = Arrays.copyOf(countSlot, counts * 2);
        }
        countSlot[counts++] = slot;
      } else if (amount != 0) {
        if (values == valueSlot.length) {
          valueSlot = Arrays.copyOf(valueSlot, values * 2);
          valueAmount = Arrays.copyOf(valueAmount, values * 2);
        }
        valueSlot[values] = slot;
        valueAmount[values++] = amount;
      }
    }

    void endRow(int j) {
      countStart[j + 1] = counts;
      valueStart[j + 1] = values;
    }
  }

  public int n() {
    return n;
  }

  /** The cell (attribute combination) of a row. */
  public int cellOf(int row) {
    return cellOf[row];
  }

  /** Clusters (images) the rows belong to. */
  public int clusters() {
    return clusters;
  }

  public GroupIndex index() {
    return index;
  }

  public List<TaskBlock> blocks() {
    return blocks;
  }

  int offset(int block) {
    return offsets[block];
  }

  int stride() {
    return stride;
  }

  /** Work arrays of one thread, reused across resamples. */
  final class Scratch {
    private final double[] cellStats = new double[index.cells() * stride];
    private final int[] planWeight = new int[n];
    private final Marginals.Buffers tables = marginals.buffers();
    private final RocSweep.Buffers roc = new RocSweep.Buffers();
  }

  Scratch scratch() {
    return new Scratch();
  }

  /**
   * Statistics of every group ({@code groupCount × stride} doubles, slot 0 = rows), each row
   * counted as often as its cluster was drawn ({@code clusterWeights}), or once when null.
   */
  double[] groupStats(int[] clusterWeights, Scratch scratch) {
    double[] cell = clusterWeights == null ? pointCells : resampleCells(clusterWeights, scratch);
    double[] groupStats = new double[index.groupCount() * stride];
    marginals.aggregate(cell, groupStats, scratch.tables);
    for (int s = 0; s < sweeps.size(); s++) {
      sweeps
          .get(s)
          .write(index, clusterWeights, groupStats, stride, sweepSlots.get(s), scratch.roc);
    }
    return groupStats;
  }

  /** The cell table of one resample: every row weighted by how often its cluster was drawn. */
  private double[] resampleCells(int[] clusterWeights, Scratch scratch) {
    double[] cell = scratch.cellStats;
    Arrays.fill(cell, 0);
    // The weights gathered into plan order first, in a loop of independent loads the processor
    // overlaps; read inside the pass below, each would be a cache miss the pass waits for.
    int[] weight = scratch.planWeight;
    for (int j = 0; j < n; j++) {
      weight[j] = clusterWeights[planCluster[j]];
    }
    for (int j = 0; j < n; j++) {
      int w = weight[j];
      if (w == 0) {
        continue;
      }
      int base = planCell[j] * stride;
      cell[base] += w;
      for (int k = countStart[j], end = countStart[j + 1]; k < end; k++) {
        cell[base + countSlot[k]] += w;
      }
      for (int k = valueStart[j], end = valueStart[j + 1]; k < end; k++) {
        cell[base + valueSlot[k]] += w * valueAmount[k];
      }
    }
    return cell;
  }
}
