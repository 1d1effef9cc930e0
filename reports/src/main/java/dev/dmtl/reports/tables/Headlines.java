package dev.dmtl.reports.tables;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.contract.model.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Which metrics the report leads with. Labelled: accuracy for nominal tasks, MAE (the paper's
 * headline) for the ordinal one. Label-free: the mean confidence and the mean predicted age, which
 * describe the output only.
 */
public final class Headlines {

  /** The tolerance of the CS value quoted in the summary, in years. */
  public static final int SUMMARY_CS_K = 5;

  private Headlines() {}

  /** The one metric per task shown in bars, intersection tables and gap summaries. */
  public static MetricKey primary(AuditedTask task, AuditMode mode) {
    if (mode == AuditMode.LABEL_FREE) {
      return MetricKey.of(
          task.name(),
          task.kind() == TaskKind.ORDINAL ? Metric.MEAN_PREDICTION : Metric.MEAN_CONFIDENCE);
    }
    return MetricKey.of(
        task.name(), task.kind() == TaskKind.ORDINAL ? Metric.MAE : Metric.ACCURACY);
  }

  /** The primary metric of every task, in task order. */
  public static List<MetricKey> primaries(AuditResult audit) {
    return audit.tasks().stream().map(t -> primary(t, audit.mode())).toList();
  }

  /** The overall metrics of the summary table, per task in task order. */
  public static List<MetricKey> summaryKeys(AuditResult audit) {
    List<MetricKey> out = new ArrayList<>();
    for (AuditedTask t : audit.tasks()) {
      out.add(primary(t, audit.mode()));
      if (audit.mode() == AuditMode.LABELLED) {
        if (t.kind() == TaskKind.NOMINAL) {
          out.add(MetricKey.of(t.name(), Metric.MACRO_F1));
        } else {
          out.add(MetricKey.ofK(t.name(), Metric.CS, SUMMARY_CS_K));
          out.add(MetricKey.of(t.name(), Metric.GROUP_ACCURACY));
          out.add(MetricKey.of(t.name(), Metric.MEAN_ERROR));
        }
      }
    }
    return out;
  }
}
