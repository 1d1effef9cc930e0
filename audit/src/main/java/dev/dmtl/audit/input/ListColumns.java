package dev.dmtl.audit.input;

import dev.dmtl.audit.engine.Binning;
import dev.dmtl.audit.engine.OrdinalBlock;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The second pass over the prediction files: every task's {@code <task>_probs} list, kept as floats
 * for a nominal task and as reliability sums against the truth for the ordinal task's K−1 threshold
 * probabilities. A list of the wrong length is left out and counted in one warning per task.
 */
final class ListColumns {

  private ListColumns() {}

  /** The task columns with their probabilities added (unchanged when the files have none). */
  static List<TaskColumns> read(
      PredictionTable table,
      int[] keep,
      List<TaskColumns> tasks,
      Binning binning,
      List<String> warnings)
      throws IOException {
    List<String> columns = new ArrayList<>();
    List<Integer> taskOfColumn = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      TaskColumns c = tasks.get(t);
      boolean ordinalWithRanks = c.task().kind() == TaskKind.ORDINAL && !c.task().ranks().isEmpty();
      if ((c.task().kind() == TaskKind.NOMINAL || ordinalWithRanks)
          && table.hasColumn(PredictionColumns.probabilities(c.task().name()))) {
        columns.add(PredictionColumns.probabilities(c.task().name()));
        taskOfColumn.add(t);
      }
    }
    if (columns.isEmpty()) {
      return tasks;
    }
    int n = keep.length;
    int[] position = new int[table.rows()];
    Arrays.fill(position, -1);
    for (int j = 0; j < n; j++) {
      position[keep[j]] = j;
    }
    Sink[] sinks = new Sink[columns.size()];
    for (int c = 0; c < sinks.length; c++) {
      TaskColumns task = tasks.get(taskOfColumn.get(c));
      sinks[c] =
          task.task().kind() == TaskKind.NOMINAL
              ? new NominalSink(task, n)
              : new ThresholdSink(task, n, binning);
    }
    table.readLists(
        columns,
        (row, values, lengths) -> {
          int j = position[row];
          if (j < 0) {
            return;
          }
          for (int c = 0; c < sinks.length; c++) {
            if (lengths[c] >= 0) {
              sinks[c].add(j, values[c], lengths[c]);
            }
          }
        });
    List<TaskColumns> out = new ArrayList<>(tasks);
    for (int c = 0; c < sinks.length; c++) {
      int t = taskOfColumn.get(c);
      out.set(t, sinks[c].finish(tasks.get(t), warnings));
    }
    return out;
  }

  private interface Sink {
    void add(int j, float[] values, int length);

    TaskColumns finish(TaskColumns task, List<String> warnings);
  }

  private static void wrongLength(
      TaskColumns task, long rows, int expected, List<String> warnings) {
    if (rows > 0) {
      warnings.add(
          rows
              + " rows have a "
              + PredictionColumns.probabilities(task.task().name())
              + " list that is not "
              + expected
              + " long: left out of the calibration");
    }
  }

  /**
   * The label probabilities of a nominal task, as floats. A task with a label map has its model
   * labels' probabilities summed per ground-truth label (East Asian + Southeast Asian → asian), and
   * its confidence becomes the summed probability of the predicted ground-truth label.
   */
  private static final class NominalSink implements Sink {
    private final int width;
    private final int c;
    private final int[] target;
    private final float[] probabilities;
    private final LongAdder wrong = new LongAdder();

    NominalSink(TaskColumns task, int n) {
      TaskSpec spec = task.task();
      List<String> truth = spec.groundTruthView().labels();
      this.width = spec.labels().size();
      this.c = truth.size();
      this.target = new int[width];
      for (int k = 0; k < width; k++) {
        String label = spec.labels().get(k);
        target[k] = spec.isMapped() ? truth.indexOf(spec.labelMap().get(label)) : k;
      }
      this.probabilities = new float[n * c];
      Arrays.fill(probabilities, Float.NaN);
    }

    @Override
    public void add(int j, float[] values, int length) {
      if (length != width) {
        wrong.increment();
        return;
      }
      Arrays.fill(probabilities, j * c, (j + 1) * c, 0f);
      for (int k = 0; k < width; k++) {
        probabilities[j * c + target[k]] += values[k];
      }
    }

    @Override
    public TaskColumns finish(TaskColumns t, List<String> warnings) {
      wrongLength(t, wrong.sum(), width, warnings);
      double[] confidence = t.confidence();
      if (t.task().isMapped()) {
        confidence = confidence.clone();
        for (int j = 0; j < confidence.length; j++) {
          int p = t.predicted()[j];
          confidence[j] = p < 0 ? Double.NaN : probabilities[j * c + p];
        }
      }
      return new TaskColumns(
          t.task(),
          t.truth(),
          t.predicted(),
          confidence,
          null,
          null,
          null,
          null,
          probabilities,
          null);
    }
  }

  /**
   * The K−1 threshold probabilities P(age &gt; r_k) of the ordinal task, summed per bin against the
   * observed [age &gt; r_k]; a threshold inside a range label (r_k between its bounds) has no known
   * outcome and is left out.
   */
  private static final class ThresholdSink implements Sink {
    private final TaskColumns task;
    private final Binning binning;
    private final int bins;
    private final double[] ranks;
    private final short[] count;
    private final double[] predicted;
    private final short[] observed;
    private final double[] brier;
    private final LongAdder wrong = new LongAdder();

    ThresholdSink(TaskColumns task, int n, Binning binning) {
      this.task = task;
      this.binning = binning;
      this.bins = binning.bins();
      List<Integer> r = task.task().ranks();
      this.ranks = new double[r.size() - 1];
      for (int k = 0; k < ranks.length; k++) {
        ranks[k] = r.get(k);
      }
      this.count = new short[n * bins];
      this.predicted = new double[n * bins];
      this.observed = new short[n * bins];
      this.brier = new double[n];
      Arrays.fill(brier, Double.NaN);
    }

    @Override
    public void add(int j, float[] values, int length) {
      double low = task.truthLow()[j];
      double high = task.truthHigh()[j];
      if (Double.isNaN(low)) {
        return; // no truth: nothing to calibrate against
      }
      if (length != ranks.length) {
        wrong.increment();
        return;
      }
      int at = j * bins;
      double sum = 0;
      for (int k = 0; k < ranks.length; k++) {
        double y;
        if (low > ranks[k]) {
          y = 1;
        } else if (high <= ranks[k]) {
          y = 0;
        } else {
          continue; // inside a range label: the outcome is unknown
        }
        double p = values[k];
        int b = binning.of(p);
        count[at + b]++;
        predicted[at + b] += p;
        observed[at + b] += (short) y;
        sum += (p - y) * (p - y);
      }
      brier[j] = sum;
    }

    @Override
    public TaskColumns finish(TaskColumns t, List<String> warnings) {
      wrongLength(t, wrong.sum(), ranks.length, warnings);
      return new TaskColumns(
          t.task(),
          null,
          null,
          null,
          t.truthLow(),
          t.truthHigh(),
          t.rank(),
          t.expected(),
          null,
          new OrdinalBlock.Thresholds(binning, count, predicted, observed, brier));
    }
  }
}
