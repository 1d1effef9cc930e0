package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.TaskContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each (group, metric key) value lives in a flat vector: {@code group * keyCount + column}.
 * Columns are the blocks' keys concatenated in block order. Computing the vector from group
 * statistics builds each group's {@link TaskContext} once and evaluates every metric on it.
 */
final class MetricLayout {

  private final Population population;
  private final List<MetricKey> keys = new ArrayList<>();
  private final int[] blockOfColumn;
  private final int[] qualifierOfColumn;
  private final int[] firstColumn;

  MetricLayout(Population population) {
    this.population = population;
    List<TaskBlock> blocks = population.blocks();
    firstColumn = new int[blocks.size()];
    List<Integer> blockOf = new ArrayList<>();
    List<Integer> qualifierOf = new ArrayList<>();
    for (int t = 0; t < blocks.size(); t++) {
      firstColumn[t] = keys.size();
      for (MetricKey key : blocks.get(t).keys()) {
        keys.add(key);
        blockOf.add(t);
        qualifierOf.add(blocks.get(t).qualifierIndex(key));
      }
    }
    blockOfColumn = blockOf.stream().mapToInt(Integer::intValue).toArray();
    qualifierOfColumn = qualifierOf.stream().mapToInt(Integer::intValue).toArray();
  }

  List<MetricKey> keys() {
    return keys;
  }

  int keyCount() {
    return keys.size();
  }

  int blockOf(int column) {
    return blockOfColumn[column];
  }

  /** The column of a block's N (its first key). */
  int nColumn(int block) {
    return firstColumn[block];
  }

  int qualifierOf(int column) {
    return qualifierOfColumn[column];
  }

  /** Every metric of every group; NaN where undefined (no minimum-size rule here). */
  double[] values(double[] groupStats) {
    int k = keys.size();
    int groups = population.index().groupCount();
    int stride = population.stride();
    List<TaskBlock> blocks = population.blocks();
    double[] out = new double[groups * k];
    for (int g = 0; g < groups; g++) {
      for (int t = 0; t < blocks.size(); t++) {
        TaskContext ctx = blocks.get(t).context(groupStats, g * stride + population.offset(t));
        int from = firstColumn[t];
        int to = t + 1 < blocks.size() ? firstColumn[t + 1] : k;
        for (int col = from; col < to; col++) {
          out[g * k + col] = keys.get(col).metric().compute(ctx, qualifierOfColumn[col]);
        }
      }
    }
    return out;
  }

  /** The context of one group and block from group statistics (for Wilson counts and matrices). */
  TaskContext context(double[] groupStats, int group, int block) {
    return population
        .blocks()
        .get(block)
        .context(groupStats, group * population.stride() + population.offset(block));
  }

  /** Rows of a group (slot 0). */
  double rows(double[] groupStats, int group) {
    return groupStats[group * population.stride()];
  }
}
