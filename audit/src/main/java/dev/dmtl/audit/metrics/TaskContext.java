package dev.dmtl.audit.metrics;

import dev.dmtl.contract.model.TaskKind;
import java.util.Arrays;

/**
 * The counts of one task within one group, computed once; every {@link Metric} is pure arithmetic
 * over it (the role Tribuo's confusion matrix plays for its metrics). Counts are doubles because
 * bootstrap resamples weight rows by how often they were drawn; they are always whole numbers.
 *
 * <p>Three shapes exist:
 *
 * <ul>
 *   <li>labelled nominal: the C×C confusion matrix (rows true class, columns predicted class) over
 *       rows whose true label and prediction are both known;
 *   <li>labelled ordinal: sums of the age error (prediction − truth, years), of its absolute value
 *       and square, a histogram of ⌈|error|⌉ for the CS curve, and the age-bin confusion matrix;
 *   <li>label-free: counts of predicted classes (or predicted age bins), the sum of the prediction
 *       confidences (nominal) or predicted ages (ordinal).
 * </ul>
 */
public final class TaskContext {

  /** The largest tolerance k (years) of the cumulative score CS(k), paper Eq. 17. */
  public static final int CS_MAX_K = 20;

  /** Histogram slots for ⌈|error|⌉: 0..CS_MAX_K, then one slot for everything above. */
  public static final int CS_SLOTS = CS_MAX_K + 2;

  private final TaskKind kind;
  private final AuditMode mode;
  private final int classes;
  private final double n;
  // labelled: confusion (nominal classes or ordinal age bins), row = truth, column = prediction
  private final double[] confusion;
  private final double[] rowSum;
  private final double[] colSum;
  private final double diagonal;
  // labelled ordinal
  private final double sumError;
  private final double sumAbsError;
  private final double sumSquaredError;
  private final double[] csCumulative;
  private final double binOneOff;
  // label-free
  private final double[] predicted;
  private final double sumConfidence;
  private final double confidenceCount;
  private final double sumPrediction;
  // labelled, when the rows carry probabilities
  private final NominalCalibration nominalCalibration;
  private final AgeCalibration ageCalibration;

  private TaskContext(
      TaskKind kind,
      AuditMode mode,
      int classes,
      double n,
      double[] confusion,
      double sumError,
      double sumAbsError,
      double sumSquaredError,
      double[] csHistogram,
      double[] predicted,
      double sumConfidence,
      double confidenceCount,
      double sumPrediction,
      NominalCalibration nominalCalibration,
      AgeCalibration ageCalibration) {
    this.kind = kind;
    this.mode = mode;
    this.classes = classes;
    this.confusion = confusion;
    this.rowSum = new double[confusion.length == 0 ? 0 : classes];
    this.colSum = new double[confusion.length == 0 ? 0 : classes];
    double diag = 0;
    double oneOff = 0;
    double total = 0;
    for (int t = 0; t < rowSum.length; t++) {
      for (int p = 0; p < classes; p++) {
        double c = confusion[t * classes + p];
        rowSum[t] += c;
        colSum[p] += c;
        total += c;
        if (t == p) {
          diag += c;
        }
        if (Math.abs(t - p) <= 1) {
          oneOff += c;
        }
      }
    }
    this.diagonal = diag;
    this.binOneOff = oneOff;
    this.n = confusion.length == 0 ? n : total;
    this.sumError = sumError;
    this.sumAbsError = sumAbsError;
    this.sumSquaredError = sumSquaredError;
    this.csCumulative = new double[csHistogram.length];
    double running = 0;
    for (int k = 0; k < csHistogram.length; k++) {
      running += csHistogram[k];
      csCumulative[k] = running;
    }
    this.predicted = predicted;
    this.sumConfidence = sumConfidence;
    this.confidenceCount = confidenceCount;
    this.sumPrediction = sumPrediction;
    this.nominalCalibration = nominalCalibration;
    this.ageCalibration = ageCalibration;
  }

  /**
   * Labelled nominal task.
   *
   * @param classes C
   * @param confusion C×C counts, row-major, row = true class, column = predicted class (copied)
   */
  public static TaskContext nominal(int classes, double[] confusion) {
    return nominal(classes, confusion, null);
  }

  /**
   * Labelled nominal task with calibration sums.
   *
   * @param calibration the group's calibration sums, or null when the rows carry no probabilities
   */
  public static TaskContext nominal(
      int classes, double[] confusion, NominalCalibration calibration) {
    requireLength(confusion, classes * classes, "confusion");
    return new TaskContext(
        TaskKind.NOMINAL,
        AuditMode.LABELLED,
        classes,
        0,
        confusion.clone(),
        0,
        0,
        0,
        new double[0],
        new double[0],
        0,
        0,
        0,
        calibration,
        null);
  }

  /**
   * Labelled ordinal task (age).
   *
   * @param bins number of age bins B
   * @param binConfusion B×B counts of true bin (row) × predicted bin (column), row-major (copied);
   *     its total is the number of rows with a known true age
   * @param sumError Σ (prediction − truth), years
   * @param sumAbsError Σ |prediction − truth|
   * @param sumSquaredError Σ (prediction − truth)²
   * @param csHistogram {@link #CS_SLOTS} counts of ⌈|error|⌉ = 0, 1, …, {@value #CS_MAX_K}, more
   */
  public static TaskContext ordinal(
      int bins,
      double[] binConfusion,
      double sumError,
      double sumAbsError,
      double sumSquaredError,
      double[] csHistogram) {
    return ordinal(bins, binConfusion, sumError, sumAbsError, sumSquaredError, csHistogram, null);
  }

  /**
   * Labelled ordinal task with calibration sums.
   *
   * @param calibration the group's calibration sums, or null without threshold probabilities
   */
  public static TaskContext ordinal(
      int bins,
      double[] binConfusion,
      double sumError,
      double sumAbsError,
      double sumSquaredError,
      double[] csHistogram,
      AgeCalibration calibration) {
    requireLength(binConfusion, bins * bins, "binConfusion");
    requireLength(csHistogram, CS_SLOTS, "csHistogram");
    return new TaskContext(
        TaskKind.ORDINAL,
        AuditMode.LABELLED,
        bins,
        0,
        binConfusion.clone(),
        sumError,
        sumAbsError,
        sumSquaredError,
        csHistogram.clone(),
        new double[0],
        0,
        0,
        0,
        null,
        calibration);
  }

  /**
   * Label-free task.
   *
   * @param kind the task's kind
   * @param predicted counts of each predicted class (nominal) or predicted age bin (ordinal)
   *     (copied)
   * @param sumConfidence Σ confidence of the predicted label (nominal; 0 for ordinal)
   * @param confidenceCount rows with a confidence value (nominal; 0 for ordinal)
   * @param sumPrediction Σ predicted age in years (ordinal; 0 for nominal)
   */
  public static TaskContext labelFree(
      TaskKind kind,
      double[] predicted,
      double sumConfidence,
      double confidenceCount,
      double sumPrediction) {
    double total = 0;
    for (double c : predicted) {
      total += c;
    }
    return new TaskContext(
        kind,
        AuditMode.LABEL_FREE,
        predicted.length,
        total,
        new double[0],
        0,
        0,
        0,
        new double[0],
        predicted.clone(),
        sumConfidence,
        confidenceCount,
        sumPrediction,
        null,
        null);
  }

  /**
   * Coverage of inputs: {@code covered} of {@code inputs} produced a prediction row. Read by {@link
   * Metric#COVERAGE} only.
   */
  public static TaskContext coverage(double inputs, double covered) {
    return labelFree(TaskKind.NOMINAL, new double[] {covered, inputs - covered}, 0, 0, 0);
  }

  private static void requireLength(double[] a, int length, String what) {
    if (a.length != length) {
      throw new IllegalArgumentException(
          what + " has " + a.length + " entries, expected " + length);
    }
  }

  public TaskKind kind() {
    return kind;
  }

  public AuditMode mode() {
    return mode;
  }

  /** Number of classes (nominal) or age bins (ordinal). */
  public int classes() {
    return classes;
  }

  /** Rows behind this context: labelled rows with a prediction, or (label-free) predicted rows. */
  public double n() {
    return n;
  }

  /** Count of rows with true class {@code t} predicted as {@code p} (labelled only). */
  public double confusion(int t, int p) {
    return confusion[t * classes + p];
  }

  public double rowSum(int t) {
    return rowSum[t];
  }

  public double colSum(int p) {
    return colSum[p];
  }

  /** Rows on the diagonal of the confusion matrix (correct class or correct age bin). */
  public double diagonal() {
    return diagonal;
  }

  /** Rows whose predicted age bin is within one bin of the true one (ordinal). */
  public double binOneOff() {
    return binOneOff;
  }

  public double sumError() {
    return sumError;
  }

  public double sumAbsError() {
    return sumAbsError;
  }

  public double sumSquaredError() {
    return sumSquaredError;
  }

  /** Rows with |error| ≤ k years, k = 0..{@value #CS_MAX_K} (ordinal). */
  public double withinK(int k) {
    return csCumulative[k];
  }

  /** Label-free: rows predicted as class (or age bin) {@code c}. */
  public double predicted(int c) {
    return predicted[c];
  }

  public double sumConfidence() {
    return sumConfidence;
  }

  public double confidenceCount() {
    return confidenceCount;
  }

  public double sumPrediction() {
    return sumPrediction;
  }

  /** The calibration sums of a labelled nominal task, or null when there are none. */
  public NominalCalibration nominalCalibration() {
    return nominalCalibration;
  }

  /** The calibration sums of a labelled ordinal task, or null when there are none. */
  public AgeCalibration ageCalibration() {
    return ageCalibration;
  }

  /** The confusion counts as a copy (row-major), empty in label-free mode. */
  public double[] confusionCopy() {
    return Arrays.copyOf(confusion, confusion.length);
  }
}
