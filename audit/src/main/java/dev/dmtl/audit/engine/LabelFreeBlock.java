package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.Arrays;
import java.util.List;

/**
 * A task in a label-free audit: per row the predicted class (or predicted age bin), and the
 * confidence (nominal) or predicted age (ordinal). Layout: C predicted counts, Σvalue, count of
 * values.
 */
public final class LabelFreeBlock extends TaskBlock {

  private final int c;
  private final int[] predicted;
  private final double[] value;

  /**
   * @param classes class labels or age-bin labels
   * @param predicted predicted class / bin per row, -1 missing
   * @param value confidence (nominal) or predicted age (ordinal) per row, NaN missing
   */
  public LabelFreeBlock(
      String task, TaskKind kind, List<String> classes, int[] predicted, double[] value) {
    super(
        task,
        kind,
        AuditMode.LABEL_FREE,
        classes,
        metricsFor(kind, AuditMode.LABEL_FREE, java.util.Set.of()));
    this.c = classes.size();
    if (predicted.length != value.length) {
      throw new IllegalArgumentException("label-free arrays differ in length");
    }
    this.predicted = predicted.clone();
    this.value = value.clone();
  }

  @Override
  int stride() {
    return c + 2;
  }

  @Override
  void emit(int i, Sink sink) {
    if (predicted[i] < 0) {
      return;
    }
    sink.add(predicted[i], 1);
    if (!Double.isNaN(value[i])) {
      sink.add(c + 1, 1);
      sink.add(c, value[i]);
    }
  }

  @Override
  TaskContext context(double[] stats, int offset) {
    double[] counts = Arrays.copyOfRange(stats, offset, offset + c);
    if (kind() == TaskKind.NOMINAL) {
      return TaskContext.labelFree(kind(), counts, stats[offset + c], stats[offset + c + 1], 0);
    }
    return TaskContext.labelFree(kind(), counts, 0, 0, stats[offset + c]);
  }
}
