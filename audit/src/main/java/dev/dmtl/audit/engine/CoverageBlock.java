package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.List;

/**
 * The coverage pseudo task over inputs (not faces): per input whether it produced a prediction.
 * Layout: inputs, covered.
 */
public final class CoverageBlock extends TaskBlock {

  private final boolean[] covered;

  public CoverageBlock(boolean[] covered) {
    super(
        MetricKey.COVERAGE_TASK,
        TaskKind.NOMINAL,
        AuditMode.LABELLED,
        List.of("covered", "lost"),
        List.of(Metric.N, Metric.COVERAGE));
    this.covered = covered.clone();
  }

  @Override
  int stride() {
    return 2;
  }

  @Override
  void emit(int i, Sink sink) {
    sink.add(0, 1);
    if (covered[i]) {
      sink.add(1, 1);
    }
  }

  @Override
  TaskContext context(double[] stats, int offset) {
    return TaskContext.coverage(stats[offset], stats[offset + 1]);
  }
}
