package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Every gap to compute, fixed once from the point estimate: which groups take part (enough rows,
 * defined value) and which is the reference. The same plan is applied to the point vector and to
 * every bootstrap vector, so a gap's interval is over the same groups as its value; a group whose
 * value is undefined in one resample simply sits that resample out.
 */
final class GapPlan {

  /** One gap. For task-level gaps {@code classColumns} holds one or two column sets per class. */
  record Spec(
      int grouping,
      int block,
      MetricKey metric,
      GapKind kind,
      int column,
      int[] eligible,
      int reference,
      int[][] classColumns,
      List<String> classLabels) {}

  /** The point value of a gap with the groups that define it. */
  record Detail(double value, int minGroup, int maxGroup, int classIndex) {
    static final Detail NAN = new Detail(Double.NaN, -1, -1, -1);
  }

  private final List<Spec> specs = new ArrayList<>();
  private final int keyCount;

  /**
   * @param sufficient per group and block, whether the group has enough rows for the block
   * @param references per grouping, the reference group index (-1 none)
   */
  GapPlan(
      Population population,
      MetricLayout layout,
      double[] point,
      boolean[][] sufficient,
      int[] references) {
    this.keyCount = layout.keyCount();
    GroupIndex index = population.index();
    List<TaskBlock> blocks = population.blocks();
    for (int gi = 1; gi < index.groupings().size(); gi++) {
      int[] members = index.groupsOf(gi);
      for (int col = 0; col < layout.keyCount(); col++) {
        MetricKey key = layout.keys().get(col);
        if (!key.metric().isComparable()) {
          continue;
        }
        int block = layout.blockOf(col);
        int[] eligible = eligible(members, block, col, point, sufficient);
        for (GapKind kind : GapKind.values()) {
          if (kind.isTaskLevel() || (kind == GapKind.RATIO && key.metric().isSigned())) {
            continue; // a ratio of signed numbers means nothing
          }
          specs.add(new Spec(gi, block, key, kind, col, eligible, references[gi], null, null));
        }
      }
      for (int t = 0; t < blocks.size(); t++) {
        TaskBlock b = blocks.get(t);
        if (!(b instanceof NominalBlock)) {
          continue;
        }
        int c = b.classes().size();
        int[][] eo = new int[c * 2][];
        int[][] dp = new int[c][];
        int[][] eoColumns = new int[c * 2][];
        int[][] dpColumns = new int[c][];
        for (int k = 0; k < c; k++) {
          int tpr = column(layout, MetricKey.ofClass(b.task(), Metric.TPR, b.classes().get(k)));
          int fpr = column(layout, MetricKey.ofClass(b.task(), Metric.FPR, b.classes().get(k)));
          int sel =
              column(
                  layout, MetricKey.ofClass(b.task(), Metric.SELECTION_RATE, b.classes().get(k)));
          eo[2 * k] = eligible(members, t, tpr, point, sufficient);
          eo[2 * k + 1] = eligible(members, t, fpr, point, sufficient);
          eoColumns[2 * k] = new int[] {tpr};
          eoColumns[2 * k + 1] = new int[] {fpr};
          dp[k] = eligible(members, t, sel, point, sufficient);
          dpColumns[k] = new int[] {sel};
        }
        specs.add(
            new Spec(
                gi,
                t,
                null,
                GapKind.EQUALIZED_ODDS,
                -1,
                null,
                -1,
                merge(eoColumns, eo),
                b.classes()));
        specs.add(
            new Spec(
                gi,
                t,
                null,
                GapKind.DEMOGRAPHIC_PARITY,
                -1,
                null,
                -1,
                merge(dpColumns, dp),
                b.classes()));
      }
    }
  }

  /** Each row: the column first, then the eligible groups. */
  private static int[][] merge(int[][] columns, int[][] eligible) {
    int[][] out = new int[columns.length][];
    for (int i = 0; i < columns.length; i++) {
      out[i] = new int[eligible[i].length + 1];
      out[i][0] = columns[i][0];
      System.arraycopy(eligible[i], 0, out[i], 1, eligible[i].length);
    }
    return out;
  }

  private static int column(MetricLayout layout, MetricKey key) {
    int col = layout.keys().indexOf(key);
    if (col < 0) {
      throw new IllegalStateException("no column for " + key.id());
    }
    return col;
  }

  private int[] eligible(
      int[] members, int block, int col, double[] point, boolean[][] sufficient) {
    return java.util.Arrays.stream(members)
        .filter(g -> sufficient[g][block] && !Double.isNaN(point[g * keyCount + col]))
        .toArray();
  }

  List<Spec> specs() {
    return specs;
  }

  /** Every gap's value for one metric vector (point or resample). */
  double[] values(double[] v) {
    double[] out = new double[specs.size()];
    for (int s = 0; s < out.length; s++) {
      out[s] = detail(specs.get(s), v).value();
    }
    return out;
  }

  /** The value of one gap and where it comes from. */
  Detail detail(Spec spec, double[] v) {
    if (spec.kind().isTaskLevel()) {
      double best = Double.NaN;
      int bestMin = -1;
      int bestMax = -1;
      int bestClass = -1;
      int perClass = spec.kind() == GapKind.EQUALIZED_ODDS ? 2 : 1;
      for (int r = 0; r < spec.classColumns().length; r++) {
        int[] row = spec.classColumns()[r];
        Detail d = range(v, row[0], row, 1);
        if (!Double.isNaN(d.value()) && (Double.isNaN(best) || d.value() > best)) {
          best = d.value();
          bestMin = d.minGroup();
          bestMax = d.maxGroup();
          bestClass = r / perClass;
        }
      }
      return new Detail(best, bestMin, bestMax, bestClass);
    }
    int col = spec.column();
    int[] eligible = spec.eligible();
    return switch (spec.kind()) {
      case DIFFERENCE -> range(v, col, eligible, 0);
      case RATIO -> {
        Detail d = range(v, col, eligible, 0);
        if (Double.isNaN(d.value())) {
          yield d;
        }
        double min = v[d.minGroup() * keyCount + col];
        double max = v[d.maxGroup() * keyCount + col];
        yield new Detail(max == 0 ? Double.NaN : min / max, d.minGroup(), d.maxGroup(), -1);
      }
      case VS_REFERENCE -> {
        int ref = spec.reference();
        if (ref < 0 || !contains(eligible, ref)) {
          yield Detail.NAN;
        }
        yield farthest(v, col, eligible, v[ref * keyCount + col]);
      }
      case VS_OVERALL -> farthest(v, col, eligible, v[col]); // group 0 is overall
      default -> throw new IllegalStateException(spec.kind().toString());
    };
  }

  private static boolean contains(int[] a, int x) {
    for (int y : a) {
      if (y == x) {
        return true;
      }
    }
    return false;
  }

  /** max − min over groups[from..] with a defined value; NaN with fewer than two. */
  private Detail range(double[] v, int col, int[] groups, int from) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int minGroup = -1;
    int maxGroup = -1;
    int defined = 0;
    for (int i = from; i < groups.length; i++) {
      int g = groups[i];
      double x = v[g * keyCount + col];
      if (Double.isNaN(x)) {
        continue;
      }
      defined++;
      if (x < min) {
        min = x;
        minGroup = g;
      }
      if (x > max) {
        max = x;
        maxGroup = g;
      }
    }
    return defined < 2 ? Detail.NAN : new Detail(max - min, minGroup, maxGroup, -1);
  }

  /**
   * Largest |value − target| over groups with a defined value; NaN without a target or with fewer
   * than two such groups (a comparison needs two groups, as every gap does).
   */
  private Detail farthest(double[] v, int col, int[] groups, double target) {
    if (Double.isNaN(target)) {
      return Detail.NAN;
    }
    double best = Double.NaN;
    int bestGroup = -1;
    int defined = 0;
    for (int g : groups) {
      double x = v[g * keyCount + col];
      if (Double.isNaN(x)) {
        continue;
      }
      defined++;
      double d = Math.abs(x - target);
      if (Double.isNaN(best) || d > best) {
        best = d;
        bestGroup = g;
      }
    }
    return defined < 2 ? Detail.NAN : new Detail(best, -1, bestGroup, -1);
  }
}
