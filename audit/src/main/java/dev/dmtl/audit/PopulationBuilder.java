package dev.dmtl.audit;

import dev.dmtl.audit.attributes.AttributeJoin;
import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.engine.Binning;
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
import dev.dmtl.audit.input.InputTruth;
import dev.dmtl.audit.input.TaskColumns;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.contract.model.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns typed rows into engine populations: the attributes of each row (the true or predicted class
 * or age bin of every task, then the attributes of the attribute file), the age error under the
 * chosen age prediction, the calibration inputs, and the blocks.
 *
 * <p>Age truth may be a range (Adience): its age group is that of the range's midpoint, and its
 * error is the signed distance from the prediction to the nearest bound (0 inside the range), a
 * lower bound on the error against the unknown exact age.
 */
public final class PopulationBuilder {

  private final AgeBins bins;
  private final AgePrediction agePrediction;
  private final int maxIntersection;
  private final int calibrationBins;

  public PopulationBuilder(AuditOptions options) {
    this.bins = options.ageBins();
    this.agePrediction = options.agePrediction();
    this.maxIntersection = options.maxIntersection();
    this.calibrationBins = options.calibrationBins();
  }

  /** Class labels of a task's attribute: its labels, or the age-bin labels. */
  public List<String> classes(TaskColumns t) {
    return t.task().kind() == TaskKind.NOMINAL ? t.task().labels() : bins.labels();
  }

  /**
   * The groupings: every task's attribute (when {@code tasks}), then every file attribute.
   *
   * @param file the joined attribute file, or null
   */
  public GroupIndex index(FaceRows faces, boolean tasks, AttributeJoin.Joined file) {
    List<String> names = new ArrayList<>();
    List<List<String>> values = new ArrayList<>();
    if (tasks) {
      for (TaskColumns t : faces.tasks()) {
        names.add(t.task().name());
        values.add(classes(t));
      }
    }
    if (file != null) {
      for (AttributeJoin.Column c : file.columns()) {
        names.add(c.name());
        values.add(c.values());
      }
    }
    return new GroupIndex(names, values, names.isEmpty() ? 1 : maxIntersection);
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

  /**
   * The face population.
   *
   * @param fileCodes per file attribute, per face its value index; empty without a file
   */
  public Population faces(FaceRows faces, GroupIndex index, AuditMode mode, int[][] fileCodes) {
    int n = faces.n();
    List<TaskBlock> blocks = new ArrayList<>();
    int[][] codes = new int[faces.tasks().size() + fileCodes.length][];
    for (int a = 0; a < faces.tasks().size(); a++) {
      TaskColumns t = faces.tasks().get(a);
      String name = t.task().name();
      List<String> classes = classes(t);
      if (t.task().kind() == TaskKind.NOMINAL) {
        codes[a] = mode == AuditMode.LABELLED ? t.truth() : t.predicted();
        blocks.add(
            mode == AuditMode.LABELLED
                ? new NominalBlock(name, classes, t.truth(), t.predicted(), scores(t))
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
        blocks.add(new OrdinalBlock(name, classes, tb, pb, error, t.thresholds(), expected(t)));
      } else {
        codes[a] = predBin;
        blocks.add(new LabelFreeBlock(name, TaskKind.ORDINAL, classes, predBin, predicted));
      }
    }
    System.arraycopy(fileCodes, 0, codes, faces.tasks().size(), fileCodes.length);
    return new Population(n, index, codes, blocks, faces.cluster());
  }

  /** A nominal task's probabilities with their bins, or null when the files have none. */
  private NominalBlock.Scores scores(TaskColumns t) {
    if (t.probabilities() == null) {
      return null;
    }
    int n = t.truth().length;
    double[] confidence = new double[n];
    double[] known = new double[n];
    for (int i = 0; i < n; i++) {
      confidence[i] = t.confidence()[i];
      // equal-mass edges from the rows calibration counts: truth and prediction known
      known[i] = t.truth()[i] >= 0 && t.predicted()[i] >= 0 ? confidence[i] : Double.NaN;
    }
    return new NominalBlock.Scores(
        confidence,
        t.probabilities(),
        Binning.equalWidth(calibrationBins),
        Binning.equalMass(known, calibrationBins));
  }

  /** The expected age against the truth, by the expected age's age group; null without it. */
  private OrdinalBlock.Expected expected(TaskColumns t) {
    int n = t.expected().length;
    boolean any = false;
    double[] truth = new double[n];
    int[] bin = new int[n];
    for (int i = 0; i < n; i++) {
      double e = t.expected()[i];
      any |= !Double.isNaN(e);
      truth[i] = (t.truthLow()[i] + t.truthHigh()[i]) / 2;
      bin[i] = Double.isNaN(e) ? -1 : bins.binOf(e);
    }
    if (!any) {
      return null;
    }
    List<Integer> lower = bins.lowerEdges();
    double[] edges = new double[lower.size() + 1];
    for (int b = 0; b < lower.size(); b++) {
      edges[b] = lower.get(b);
    }
    List<Integer> ranks = t.task().ranks();
    edges[lower.size()] =
        Math.max(
            lower.get(lower.size() - 1) + 1, ranks.isEmpty() ? 120 : ranks.get(ranks.size() - 1));
    return new OrdinalBlock.Expected(t.expected(), truth, bin, edges);
  }

  /**
   * The coverage population: one row per input (its own cluster). Its attributes are the tasks'
   * when labels are known for every input, then the file's.
   *
   * @param fileCodes per file attribute, per input its value index; empty without a file
   */
  Population coverage(InputRows inputs, GroupIndex index, int[][] fileCodes) {
    int n = inputs.n();
    List<TaskBlock> blocks = List.of(new CoverageBlock(inputs.covered()));
    List<int[]> codes = new ArrayList<>();
    for (InputTruth truth : inputs.truth()) {
      int[] c = new int[n];
      for (int i = 0; i < n; i++) {
        if (truth.task().kind() == TaskKind.ORDINAL) {
          c[i] = Double.isNaN(truth.age()[i]) ? -1 : bins.binOf(truth.age()[i]);
        } else {
          c[i] = truth.classIndex()[i];
        }
      }
      codes.add(c);
    }
    for (int[] c : fileCodes) {
      codes.add(c);
    }
    return new Population(n, index, codes.toArray(int[][]::new), blocks);
  }
}
