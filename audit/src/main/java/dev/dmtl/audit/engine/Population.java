package dev.dmtl.audit.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one audit population (faces for metrics, inputs for coverage) as primitive arrays:
 * each row's cell (its attribute combination) and the task blocks. Weighted passes over it give
 * per-group statistics; the bootstrap re-weights rows by how often a resample drew them and never
 * touches anything but these arrays.
 *
 * <p>Cell statistics layout: slot 0 counts rows, then each block's {@link TaskBlock#stride()}
 * slots, then one spare slot that absorbs the increments a row does not make, so the per-row loop
 * has no branches. The blocks' per-row descriptions are flattened once into {@code counts} (slots
 * that get +weight, {@code m} per row) and {@code values} (slots that get +weight × value).
 */
public final class Population {

  private final int n;
  private final GroupIndex index;
  private final int[] cellOf;
  private final List<TaskBlock> blocks;
  private final int[] offsets;
  private final int stride;
  // the fused per-row plan
  private final int[] cellBase;
  private final int m;
  private final int[] counts;
  private final int[] valueSlots;
  private final double[][] values;

  /**
   * @param n rows
   * @param index groupings and cells
   * @param codes per attribute (in {@code index} order) the value index of each row, -1 unknown
   * @param blocks the tasks, each holding arrays of length {@code n}
   */
  public Population(int n, GroupIndex index, int[][] codes, List<TaskBlock> blocks) {
    if (codes.length != index.attributeNames().size()) {
      throw new IllegalArgumentException(
          codes.length + " code arrays for " + index.attributeNames().size() + " attributes");
    }
    this.n = n;
    this.index = index;
    this.cellOf = index.cellsOf(codes, n);
    this.blocks = List.copyOf(blocks);
    this.offsets = new int[blocks.size()];
    int s = 1; // slot 0: rows in the cell
    int perRow = 1;
    for (int t = 0; t < blocks.size(); t++) {
      offsets[t] = s;
      s += blocks.get(t).stride();
      perRow += blocks.get(t).countsPerRow();
    }
    int spare = s;
    this.stride = s + 1;
    this.m = perRow;
    this.cellBase = new int[n];
    this.counts = new int[n * m];
    for (int i = 0; i < n; i++) {
      cellBase[i] = cellOf[i] * stride;
      int at = i * m;
      counts[at] = 0;
      int k = at + 1;
      for (int t = 0; t < blocks.size(); t++) {
        TaskBlock b = blocks.get(t);
        b.countSlots(i, counts, k);
        for (int j = k; j < k + b.countsPerRow(); j++) {
          counts[j] = counts[j] == TaskBlock.NONE ? spare : offsets[t] + counts[j];
        }
        k += b.countsPerRow();
      }
    }
    List<Integer> slots = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    for (int t = 0; t < blocks.size(); t++) {
      int[] vs = blocks.get(t).valueSlots();
      double[][] vc = blocks.get(t).valueColumns();
      for (int j = 0; j < vs.length; j++) {
        slots.add(offsets[t] + vs[j]);
        columns.add(vc[j]);
      }
    }
    this.valueSlots = slots.stream().mapToInt(Integer::intValue).toArray();
    this.values = columns.toArray(double[][]::new);
  }

  public int n() {
    return n;
  }

  /** The cell (attribute combination) of a row. */
  public int cellOf(int row) {
    return cellOf[row];
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

  /**
   * Statistics of every group ({@code groupCount × stride} doubles, slot 0 = rows), each row
   * counted {@code weights[i]} times, or once when {@code weights} is null.
   */
  double[] groupStats(int[] weights) {
    double[] cellStats = new double[index.cells() * stride];
    int[] plan = counts;
    int perRow = m;
    int[] base = cellBase;
    int v = valueSlots.length;
    for (int i = 0; i < n; i++) {
      int w = weights == null ? 1 : weights[i];
      if (w == 0) {
        continue;
      }
      int b = base[i];
      int at = i * perRow;
      for (int j = 0; j < perRow; j++) {
        cellStats[b + plan[at + j]] += w;
      }
      for (int c = 0; c < v; c++) {
        cellStats[b + valueSlots[c]] += w * values[c][i];
      }
    }
    double[] groupStats = new double[index.groupCount() * stride];
    for (int cell = 0; cell < index.cells(); cell++) {
      int from = cell * stride;
      if (cellStats[from] == 0) {
        continue; // an empty cell adds nothing to any block
      }
      for (int g : index.groupsOfCell(cell)) {
        int to = g * stride;
        for (int j = 0; j < stride; j++) {
          groupStats[to + j] += cellStats[from + j];
        }
      }
    }
    return groupStats;
  }
}
