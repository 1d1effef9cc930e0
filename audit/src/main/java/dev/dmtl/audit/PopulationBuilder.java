package dev.dmtl.audit;

import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.engine.CoverageBlock;
import dev.dmtl.audit.engine.GroupIndex;
import dev.dmtl.audit.engine.LabelFreeBlock;
import dev.dmtl.audit.engine.NominalBlock;
import dev.dmtl.audit.engine.OrdinalBlock;
import dev.dmtl.audit.engine.Population;
import dev.dmtl.audit.engine.TaskBlock;
import dev.dmtl.audit.groups.AgeBins;
import dev.dmtl.audit.input.FaceRows;
import dev.dmtl.audit.input.InputRows;
import dev.dmtl.audit.input.TaskColumns;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.model.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns typed rows into engine populations: the attribute of each task (true or predicted class,
 * true or predicted age bin), the age error under the chosen age prediction, and the blocks.
 *
 * <p>Age truth may be a range (Adience): its age group is that of the range's midpoint, and its
 * error is the signed distance from the prediction to the nearest bound (0 inside the range), a
 * lower bound on the error against the unknown exact age.
 */
final class PopulationBuilder {

  private final AgeBins bins;
  private final AgePrediction agePrediction;
  private final int maxIntersection;

  PopulationBuilder(AgeBins bins, AgePrediction agePrediction, int maxIntersection) {
    this.bins = bins;
    this.agePrediction = agePrediction;
    this.maxIntersection = maxIntersection;
  }

  /** Class labels of a task's attribute: its labels, or the age-bin labels. */
  List<String> classes(TaskColumns t) {
    return t.task().kind() == TaskKind.NOMINAL ? t.task().labels() : bins.labels();
  }

  GroupIndex index(FaceRows faces) {
    List<String> names = new ArrayList<>();
    List<List<String>> values = new ArrayList<>();
    for (TaskColumns t : faces.tasks()) {
      names.add(t.task().name());
      values.add(classes(t));
    }
    return new GroupIndex(names, values, maxIntersection);
  }

  /** The predicted age per row under the chosen age prediction. */
  double[] predictedAge(TaskColumns t) {
    double[] chosen = agePrediction == AgePrediction.RANK ? t.rank() : t.expected();
    boolean anyChosen = false;
    boolean anyRank = false;
    for (int i = 0; i < chosen.length; i++) {
      anyChosen |= !Double.isNaN(chosen[i]);
      anyRank |= !Double.isNaN(t.rank()[i]);
    }
    if (!anyChosen && anyRank) {
      throw new IllegalArgumentException(
          "the "
              + t.task().name()
              + "_expected column is missing or empty: use the "
              + "Eq. 6 rank (age prediction 'rank') for this file");
    }
    return chosen;
  }

  Population faces(FaceRows faces, GroupIndex index, AuditMode mode) {
    int n = faces.n();
    List<TaskBlock> blocks = new ArrayList<>();
    int[][] codes = new int[faces.tasks().size()][];
    for (int a = 0; a < faces.tasks().size(); a++) {
      TaskColumns t = faces.tasks().get(a);
      String name = t.task().name();
      List<String> classes = classes(t);
      if (t.task().kind() == TaskKind.NOMINAL) {
        codes[a] = mode == AuditMode.LABELLED ? t.truth() : t.predicted();
        blocks.add(
            mode == AuditMode.LABELLED
                ? new NominalBlock(name, classes, t.truth(), t.predicted())
                : new LabelFreeBlock(
                    name, TaskKind.NOMINAL, classes, t.predicted(), t.confidence()));
        continue;
      }
      double[] predicted = predictedAge(t);
      int[] trueBin = new int[n];
      int[] predBin = new int[n];
      double[] error = new double[n];
      for (int i = 0; i < n; i++) {
        double lo = t.truthLow()[i];
        double hi = t.truthHigh()[i];
        double p = predicted[i];
        trueBin[i] = bins.binOf((lo + hi) / 2);
        predBin[i] = bins.binOf(p);
        if (Double.isNaN(lo) || Double.isNaN(p)) {
          error[i] = Double.NaN;
        } else {
          error[i] = p < lo ? p - lo : p > hi ? p - hi : 0.0;
        }
      }
      if (mode == AuditMode.LABELLED) {
        codes[a] = trueBin;
        // the block only counts rows where both truth and prediction are known
        int[] tb = trueBin.clone();
        int[] pb = predBin.clone();
        for (int i = 0; i < n; i++) {
          if (Double.isNaN(error[i])) {
            tb[i] = -1;
            pb[i] = -1;
          }
        }
        blocks.add(new OrdinalBlock(name, classes, tb, pb, error));
      } else {
        codes[a] = predBin;
        blocks.add(new LabelFreeBlock(name, TaskKind.ORDINAL, classes, predBin, predicted));
      }
    }
    return new Population(n, index, codes, blocks);
  }

  /**
   * The coverage population: one row per input. With labels from names, the attributes are those of
   * the faces (same names and values); without, there is only the overall group.
   */
  Population coverage(InputRows inputs, FaceRows faces, GroupIndex faceIndex) {
    int n = inputs.n();
    List<TaskBlock> blocks = List.of(new CoverageBlock(inputs.covered()));
    if (!inputs.labelled()) {
      return new Population(n, new GroupIndex(List.of(), List.of(), 1), new int[0][], blocks);
    }
    int[][] codes = new int[faces.tasks().size()][];
    for (int a = 0; a < faces.tasks().size(); a++) {
      TaskColumns t = faces.tasks().get(a);
      String name = t.task().name();
      int[] c = new int[n];
      for (int i = 0; i < n; i++) {
        FaceLabels l = inputs.labels()[i];
        if (t.task().kind() == TaskKind.ORDINAL) {
          Integer age = l.answersOrdinal(name) ? l.age() : null;
          c[i] = age == null ? -1 : bins.binOf(age);
        } else {
          String v = l.nominal(name);
          c[i] = v == null ? -1 : t.task().labels().indexOf(v);
        }
      }
      codes[a] = c;
    }
    return new Population(n, faceIndex, codes, blocks);
  }
}
