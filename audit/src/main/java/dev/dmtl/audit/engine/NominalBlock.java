package dev.dmtl.audit.engine;

import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.contract.model.TaskKind;
import java.util.Arrays;
import java.util.List;

/** A labelled nominal task: per row the confusion cell {@code true * C + predicted}, or -1. */
public final class NominalBlock extends TaskBlock {

  private final int c;
  private final int[] confusionIndex;

  /**
   * @param truth true class index per row, -1 unknown
   * @param predicted predicted class index per row, -1 missing
   */
  public NominalBlock(String task, List<String> labels, int[] truth, int[] predicted) {
    super(
        task,
        TaskKind.NOMINAL,
        AuditMode.LABELLED,
        labels,
        metricsFor(TaskKind.NOMINAL, AuditMode.LABELLED));
    this.c = labels.size();
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth and prediction lengths differ");
    }
    confusionIndex = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      confusionIndex[i] = truth[i] < 0 || predicted[i] < 0 ? -1 : truth[i] * c + predicted[i];
    }
  }

  @Override
  int stride() {
    return c * c;
  }

  @Override
  int countsPerRow() {
    return 1;
  }

  @Override
  void countSlots(int i, int[] dest, int at) {
    dest[at] = confusionIndex[i] >= 0 ? confusionIndex[i] : NONE;
  }

  @Override
  TaskContext context(double[] stats, int offset) {
    return TaskContext.nominal(c, Arrays.copyOfRange(stats, offset, offset + c * c));
  }

  @Override
  long[][] confusion(double[] stats, int offset) {
    return square(stats, offset, c);
  }
}
