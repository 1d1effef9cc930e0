package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.Qualifier;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One task's per-row data as primitive arrays, and how a row adds into a cell's sufficient
 * statistics. Each block owns {@link #stride()} consecutive doubles of a cell's statistics and
 * describes a row as a few (slot, amount) contributions, each added times the row's weight. {@link
 * Population} flattens every block's contributions once into one plan, so the bootstrap's passes
 * over the rows are one tight loop over primitive arrays.
 */
public abstract sealed class TaskBlock
    permits NominalBlock, OrdinalBlock, LabelFreeBlock, CoverageBlock {

  /** Receives one row's contributions: a slot of the block's statistics and the amount added. */
  interface Sink {
    void add(int slot, double amount);
  }

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

  /**
   * The metrics of a task kind in a mode whose needs the rows meet, in enum order (N first).
   *
   * @param available what the rows carry besides labels
   */
  static List<Metric> metricsFor(TaskKind kind, AuditMode mode, Set<Metric.Needs> available) {
    List<Metric> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      if (m.appliesTo(kind, mode)
          && (m.needs() == Metric.Needs.LABELS || available.contains(m.needs()))) {
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

  /** Adds row {@code i}'s contributions; a row that counts for nothing adds none. */
  abstract void emit(int i, Sink sink);

  /** The context of one group from its statistics slice. */
  abstract TaskContext context(double[] stats, int offset);

  /** The confusion matrix (true × predicted) as counts, or null when this block has none. */
  long[][] confusion(double[] stats, int offset) {
    return null;
  }

  /**
   * The ROC sweep of a two-class task with probabilities, whose per-group AUC goes into the slot
   * {@link #aucSlot()} after aggregation; null when the block has none.
   */
  RocSweep.Scores rocScores() {
    return null;
  }

  /** The slot (within the block) that holds the AUC; meaningful only with {@link #rocScores()}. */
  int aucSlot() {
    return -1;
  }

  /** The reliability diagrams of one group's statistics; empty when the block has none. */
  List<Reliability> reliability(double[] stats, int offset) {
    return List.of();
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

  /** Bins of {@code bins} interleaved (count, predicted, observed) triples from a slice. */
  static dev.dmtl.audit.metrics.BinSums binSums(double[] stats, int at, int bins) {
    double[] count = new double[bins];
    double[] predicted = new double[bins];
    double[] observed = new double[bins];
    for (int b = 0; b < bins; b++) {
      count[b] = stats[at + 3 * b];
      predicted[b] = stats[at + 3 * b + 1];
      observed[b] = stats[at + 3 * b + 2];
    }
    return new dev.dmtl.audit.metrics.BinSums(count, predicted, observed);
  }

  /**
   * One reliability diagram of a group, as point sums.
   *
   * @param kind which diagram
   * @param edges the bins' edges ({@code bins + 1} values, ascending)
   * @param sums the sums per bin
   */
  record Reliability(String kind, double[] edges, dev.dmtl.audit.metrics.BinSums sums) {}
}
