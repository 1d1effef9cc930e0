package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.Qualifier;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One task's per-row data as primitive arrays, and how a row adds into a cell's sufficient
 * statistics. Each block owns {@link #stride()} consecutive doubles of a cell's statistics and
 * describes a row as a few count increments (slots that get +weight) and value columns (slots that
 * get +weight × value). {@link Population} fuses every block into one flat per-row plan, so the
 * bootstrap's passes over the rows are one tight, branch-free loop.
 */
public abstract sealed class TaskBlock
    permits NominalBlock, OrdinalBlock, LabelFreeBlock, CoverageBlock {

  private final String task;
  private final TaskKind kind;
  private final AuditMode mode;
  private final List<String> classes;
  private final List<MetricKey> keys;

  TaskBlock(
      String task, TaskKind kind, AuditMode mode, List<String> classes, List<Metric> metrics) {
    this.task = task;
    this.kind = kind;
    this.mode = mode;
    this.classes = List.copyOf(classes);
    List<MetricKey> k = new ArrayList<>();
    for (Metric m : metrics) {
      if (m.qualifier() == Qualifier.NONE) {
        k.add(MetricKey.of(task, m));
      } else if (m.qualifier() == Qualifier.CLASS) {
        for (String c : classes) {
          k.add(MetricKey.ofClass(task, m, c));
        }
      } else {
        for (int q = 0; q <= TaskContext.CS_MAX_K; q++) {
          k.add(MetricKey.ofK(task, m, q));
        }
      }
    }
    if (k.isEmpty() || k.get(0).metric() != Metric.N) {
      throw new IllegalStateException("the first metric of every task must be N");
    }
    this.keys = List.copyOf(k);
  }

  /** The metrics of a task kind in a mode, in enum order (N first). */
  static List<Metric> metricsFor(TaskKind kind, AuditMode mode) {
    List<Metric> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      if (m.appliesTo(kind, mode)) {
        out.add(m);
      }
    }
    return out;
  }

  public String task() {
    return task;
  }

  public TaskKind kind() {
    return kind;
  }

  public AuditMode mode() {
    return mode;
  }

  /** Class labels (nominal) or age-bin labels (ordinal). */
  public List<String> classes() {
    return classes;
  }

  /** Metric keys in output order; the first is always {@link Metric#N}. */
  public List<MetricKey> keys() {
    return keys;
  }

  /** The class index (or k) each key is computed for; 0 when the metric has no qualifier. */
  int qualifierIndex(MetricKey key) {
    if (key.label() != null) {
      return classes.indexOf(key.label());
    }
    return key.k() == null ? 0 : key.k();
  }

  /** Doubles this block uses per cell. */
  abstract int stride();

  /** Count increments every row makes (a row with nothing to count for one uses {@link #NONE}). */
  abstract int countsPerRow();

  /** Marks a count increment a row does not make. */
  static final int NONE = -1;

  /**
   * Writes row {@code i}'s {@link #countsPerRow()} count slots (within this block) into {@code
   * dest[at..]}, {@link #NONE} where the row counts nothing.
   */
  abstract void countSlots(int i, int[] dest, int at);

  /** Slots (within this block) that receive a weighted value; empty when none. */
  int[] valueSlots() {
    return new int[0];
  }

  /** Per value slot, the value of every row (0 where the row adds nothing). */
  double[][] valueColumns() {
    return new double[0][];
  }

  /** The context of one group from its statistics slice. */
  abstract TaskContext context(double[] stats, int offset);

  /** The confusion matrix (true × predicted) as counts, or null when this block has none. */
  long[][] confusion(double[] stats, int offset) {
    return null;
  }

  static long[][] square(double[] stats, int offset, int c) {
    long[][] m = new long[c][c];
    for (int t = 0; t < c; t++) {
      for (int p = 0; p < c; p++) {
        m[t][p] = Math.round(stats[offset + t * c + p]);
      }
    }
    return m;
  }
}
