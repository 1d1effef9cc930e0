package dev.dmtl.reports.tables;

import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import java.util.List;

/**
 * The metrics the report shows together in one section and one CSV file. A family is present in an
 * audit when any group carries one of its metrics: audits of rows without probabilities, label-free
 * audits and audits written before schema 3 have no calibration, and the report then says so
 * instead of showing empty tables.
 */
public enum MetricFamily {
  /** Calibration of a nominal task's probabilities (one value per task and group). */
  NOMINAL_CALIBRATION(
      List.of(
          Metric.ECE, Metric.ECE_MASS, Metric.MCE, Metric.BRIER, Metric.LOG_LOSS, Metric.ROC_AUC)),
  /** Calibration of the ordinal (age) task: threshold probabilities and expected age. */
  AGE_CALIBRATION(
      List.of(
          Metric.THRESHOLD_ECE, Metric.THRESHOLD_BRIER, Metric.EXPECTED_BIAS, Metric.EXPECTED_ECE)),
  /**
   * Aequitas' confusion-derived rates, one-vs-rest per class: the error rates, their complements,
   * predicted prevalence ({@link Metric#SELECTION_RATE}, Aequitas' pprev) and prevalence.
   */
  ERROR_RATES(
      List.of(
          Metric.FNR,
          Metric.FPR,
          Metric.TNR,
          Metric.FDR,
          Metric.FOR,
          Metric.NPV,
          Metric.SELECTION_RATE,
          Metric.PREVALENCE));

  // List.of, never handed out mutable; the checker knows only Guava's immutable types
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<Metric> metrics;

  MetricFamily(List<Metric> metrics) {
    this.metrics = metrics;
  }

  /** The family's metrics, in the order tables show them. */
  public List<Metric> metrics() {
    return metrics;
  }

  public boolean contains(Metric metric) {
    return metrics.contains(metric);
  }

  /** True when some group of the audit carries a metric of this family. */
  public boolean presentIn(AuditResult audit) {
    return audit.groups().stream().anyMatch(g -> presentIn(g, null));
  }

  /** True when the group carries a metric of this family (of {@code task}; null: of any task). */
  public boolean presentIn(GroupResult group, String task) {
    for (MetricResult m : group.metrics()) {
      if (contains(m.key().metric()) && (task == null || m.key().task().equals(task))) {
        return true;
      }
    }
    return false;
  }
}
