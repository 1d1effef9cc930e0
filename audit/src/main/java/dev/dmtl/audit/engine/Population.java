package dev.dmtl.audit.engine;

import java.util.List;

/**
 * The rows of one audit population (faces for metrics, inputs for coverage) as primitive arrays:
 * each row's cell (its attribute combination) and the task blocks. Weighted passes over it give
 * per-group statistics; the bootstrap re-weights rows by how often a resample drew them and never
 * touches anything but these arrays.
 */
public final class Population {

  private final int n;
  private final GroupIndex index;
  private final int[] cellOf;
  private final List<TaskBlock> blocks;
  private final int[] offsets;
  private final int stride;

  /**
   * @param n rows
   * @param index groupings and cells
   * @param codes per attribute (in {@code index} order) the value index of each row, -1 unknown
   * @param blocks the tasks, each holding arrays of length {@code n}
   */
  public Population(int n, GroupIndex index, int[][] codes, List<TaskBlock> blocks) {
    if (codes.length != index.attributeNames().size()) {
      throw new IllegalArgumentException(codes.length + " code arrays for " + index.attributeNames().size() + " attributes");
    }
    this.n = n;
    this.index = index;
    this.cellOf = index.cellsOf(codes, n);
    this.blocks = List.copyOf(blocks);
    this.offsets = new int[blocks.size()];
    int s = 1; // slot 0: rows in the cell
    for (int t = 0; t < blocks.size(); t++) {
      offsets[t] = s;
      s += blocks.get(t).stride();
    }
    this.stride = s;
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
    if (weights == null) {
      for (int i = 0; i < n; i++) {
        cellStats[cellOf[i] * stride] += 1;
      }
    } else {
      for (int i = 0; i < n; i++) {
        cellStats[cellOf[i] * stride] += weights[i];
      }
    }
    for (int t = 0; t < blocks.size(); t++) {
      blocks.get(t).accumulate(weights, cellOf, cellStats, stride, offsets[t]);
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
