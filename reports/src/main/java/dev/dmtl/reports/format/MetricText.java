package dev.dmtl.reports.format;

import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;

/**
 * Display names, number styles and plain-language explanations of the audit's metrics and gap
 * kinds. A switch over the enums, so that a metric added to the audit without words here fails the
 * build rather than showing up unexplained.
 */
public final class MetricText {

  private MetricText() {}

  /** Short name for table headers and chart axes, e.g. {@code accuracy}, {@code MAE (years)}. */
  public static String name(Metric metric) {
    return switch (metric) {
      case N -> "n";
      case ACCURACY -> "accuracy";
      case MACRO_F1 -> "macro-F1";
      case PRECISION -> "precision";
      case RECALL -> "recall";
      case TPR -> "true-positive rate";
      case FPR -> "false-positive rate";
      case F1 -> "F1";
      case SELECTION_RATE -> "selection rate";
      case FNR -> "false-negative rate";
      case TNR -> "true-negative rate";
      case FDR -> "false discovery rate";
      case FOR -> "false omission rate";
      case NPV -> "negative predictive value";
      case PREVALENCE -> "prevalence";
      case ECE -> "calibration error (ECE)";
      case ECE_MASS -> "calibration error (ECE, equal-mass bins)";
      case MCE -> "maximum calibration error";
      case BRIER -> "Brier score";
      case LOG_LOSS -> "log-loss";
      case ROC_AUC -> "ROC AUC";
      case MAE -> "MAE (years)";
      case MSE -> "MSE (years²)";
      case RMSE -> "RMSE (years)";
      case MEAN_ERROR -> "mean signed error (years)";
      case GROUP_ACCURACY -> "age-group accuracy";
      case GROUP_ONE_OFF_ACCURACY -> "±1 age-group accuracy";
      case CS -> "CS";
      case THRESHOLD_ECE -> "threshold calibration error";
      case THRESHOLD_BRIER -> "threshold Brier score";
      case EXPECTED_BIAS -> "expected-age bias (years)";
      case EXPECTED_ECE -> "expected-age calibration error (years)";
      case PREDICTED_SHARE -> "predicted share";
      case MEAN_CONFIDENCE -> "mean confidence";
      case COVERAGE -> "coverage";
      case MEAN_PREDICTION -> "mean prediction (years)";
    };
  }

  /**
   * A metric key as a reader says it: {@code gender accuracy}, {@code race recall (black)}, {@code
   * age CS(5)}.
   */
  public static String name(MetricKey key) {
    String metric = key.metric() == Metric.CS ? "CS(" + key.k() + ")" : name(key.metric());
    // "coverage coverage" and "age age-group accuracy" read badly: no task prefix when the name has
    // it
    boolean named =
        metric.startsWith(key.task() + " ")
            || metric.startsWith(key.task() + "-")
            || metric.equals(key.task());
    return (named ? "" : key.task() + " ")
        + metric
        + (key.label() == null ? "" : " (" + key.label() + ")");
  }

  /** How the metric's values (and its differences between groups) are written. */
  public static NumberStyle style(Metric metric) {
    return switch (metric) {
      case N -> NumberStyle.COUNT;
      case MAE, RMSE, MEAN_ERROR, MEAN_PREDICTION, EXPECTED_BIAS, EXPECTED_ECE -> NumberStyle.YEARS;
      case LOG_LOSS -> NumberStyle.LOSS;
      case MSE -> NumberStyle.YEARS_SQUARED;
      case ACCURACY,
          MACRO_F1,
          PRECISION,
          RECALL,
          TPR,
          FPR,
          F1,
          SELECTION_RATE,
          FNR,
          TNR,
          FDR,
          FOR,
          NPV,
          PREVALENCE,
          ECE,
          ECE_MASS,
          MCE,
          BRIER,
          ROC_AUC,
          THRESHOLD_ECE,
          THRESHOLD_BRIER,
          GROUP_ACCURACY,
          GROUP_ONE_OFF_ACCURACY,
          CS,
          PREDICTED_SHARE,
          MEAN_CONFIDENCE,
          COVERAGE ->
          NumberStyle.PROPORTION;
    };
  }

  /** How a gap of this kind over this metric (null for task-level gaps) is written. */
  public static NumberStyle gapStyle(GapKind kind, Metric metric) {
    return switch (kind) {
      case RATIO -> NumberStyle.RATIO;
      case EQUALIZED_ODDS, DEMOGRAPHIC_PARITY -> NumberStyle.PROPORTION;
      case DIFFERENCE, VS_REFERENCE, VS_OVERALL -> style(metric);
    };
  }

  /** One or two sentences a compliance reviewer can follow without statistics training. */
  public static String explanation(Metric metric) {
    return switch (metric) {
      case N ->
          "The number of faces behind a value. Groups with fewer faces than the minimum group size get no "
              + "numbers (marked insufficient): with so few faces a difference would mostly be chance.";
      case ACCURACY ->
          "The share of faces whose predicted label equals the true label, from 0 (always wrong) "
              + "to 1 (always right).";
      case MACRO_F1 ->
          "The average of the per-class F1 scores, each class counting the same however rare it is; "
              + "a model that ignores a small class scores low here even when its accuracy is high.";
      case PRECISION -> "Of the faces the model put in a class, the share that truly belong to it.";
      case RECALL -> "Of the faces that truly belong to a class, the share the model put in it.";
      case TPR -> "The same as recall (true-positive rate), named so for equalized odds.";
      case FPR ->
          "Of the faces that do not belong to a class, the share the model wrongly put in it "
              + "(false-positive rate); lower is better.";
      case F1 -> "The balance of precision and recall for one class (their harmonic mean).";
      case SELECTION_RATE ->
          "The share of a group's faces that the model put in a class, right or wrong; "
              + "equal selection rates across groups are what demographic parity asks for.";
      case FNR ->
          "Of the faces that belong to a class, the share the model missed (1 − recall); lower is better.";
      case TNR ->
          "Of the faces that do not belong to a class, the share the model rightly kept out of it "
              + "(1 − false-positive rate).";
      case FDR ->
          "Of the faces the model put in a class, the share that do not belong there (1 − precision); "
              + "lower is better.";
      case FOR ->
          "Of the faces the model kept out of a class, the share that do belong to it; lower is better.";
      case NPV ->
          "Of the faces the model kept out of a class, the share that rightly do not belong to it "
              + "(1 − false omission rate).";
      case PREVALENCE ->
          "The share of a group's faces that truly belong to a class: the base rate the other rates "
              + "depend on. It describes the data, not the model.";
      case ECE ->
          "Expected calibration error: when the model says it is 90 % sure, is it right 90 % of the "
              + "time? Answers are binned by the model's confidence (10 equal-width bins by default); the "
              + "error is the average gap between confidence and accuracy, weighted by how many answers "
              + "fall in each bin. 0 is perfectly calibrated.";
      case ECE_MASS ->
          "The same calibration error with bins that each hold about the same number of answers "
              + "(equal-mass bins), which is steadier when most answers are very confident.";
      case MCE ->
          "Maximum calibration error: the largest gap between confidence and accuracy in any one bin; "
              + "it shows where the model is most over- or under-confident.";
      case BRIER ->
          "Brier score: the squared distance between the predicted probabilities and what was true, "
              + "averaged over faces; 0 is perfect, and confident wrong answers cost most.";
      case LOG_LOSS ->
          "Log-loss: how surprised the model was by the true labels, on average (−ln of the "
              + "probability it gave the true label); lower is better, and a confident wrong answer costs a lot.";
      case ROC_AUC ->
          "For a two-class task: the chance that the model scores a random face of one label above a "
              + "random face of the other, 0.5 being a coin toss and 1 perfect separation. Unlike accuracy it "
              + "does not depend on the 0.5 threshold.";
      case MAE ->
          "Mean absolute error: on average, how many years the predicted age is away from the true age.";
      case MSE -> "Mean squared error in years²: like MAE, but large misses weigh much more.";
      case RMSE -> "Root mean squared error: the square root of MSE, back in years.";
      case MEAN_ERROR ->
          "Mean signed error in years: positive when the model tends to over-estimate a group's age, "
              + "negative when it under-estimates it.";
      case GROUP_ACCURACY ->
          "The share of faces whose predicted age falls in the same age group as the true age.";
      case GROUP_ONE_OFF_ACCURACY ->
          "The share of faces whose predicted age group is the true one or a neighbour.";
      case CS ->
          "Cumulative score CS(k) (paper Eq. 17): the share of faces whose predicted age is within k years of "
              + "the true age. The CS curve plots it for k = 0 to 20; a higher curve is better.";
      case THRESHOLD_ECE ->
          "Calibration of the age task's yes/no answers \"older than r?\" for every age r: when the model "
              + "says 70 % likely older, is the face older 70 % of the time? 0 is perfectly calibrated.";
      case THRESHOLD_BRIER ->
          "The Brier score of those \"older than r?\" probabilities: their squared distance from what "
              + "was true, averaged; lower is better.";
      case EXPECTED_BIAS ->
          "How many years the expected age (the probability-weighted age) is above the true age on "
              + "average: positive = the model's ages run high for this group.";
      case EXPECTED_ECE ->
          "Calibration of the expected age: faces are grouped by their predicted age group, and the "
              + "average predicted age is compared with the average true age in each; the weighted average "
              + "gap, in years.";
      case PREDICTED_SHARE ->
          "The share of a group's faces the model assigns to a class. It describes the model's "
              + "output only; it says nothing about whether the output is right.";
      case MEAN_CONFIDENCE ->
          "The average probability the model gave its own answer. A confident model can still "
              + "be wrong: this is not an accuracy.";
      case COVERAGE ->
          "The share of inputs (images) that produced a prediction. Inputs lost to unreadable files or "
              + "undetected faces are missing from every other table; if that happens more often for some group, "
              + "the audit under-counts that group's errors.";
      case MEAN_PREDICTION ->
          "The average predicted age of a group, in years. Without labels it cannot show error.";
    };
  }

  /** Display name of a gap kind. */
  public static String name(GapKind kind) {
    return switch (kind) {
      case DIFFERENCE -> "gap (max − min)";
      case RATIO -> "ratio (min / max)";
      case VS_REFERENCE -> "largest difference to the reference group";
      case VS_OVERALL -> "largest difference to overall";
      case EQUALIZED_ODDS -> "equalized-odds difference";
      case DEMOGRAPHIC_PARITY -> "demographic-parity difference";
    };
  }

  /** Plain-language explanation of a gap kind. */
  public static String explanation(GapKind kind) {
    return switch (kind) {
      case DIFFERENCE ->
          "The best group's value minus the worst group's, among groups large enough to measure. "
              + "0 means every group is served equally well.";
      case RATIO ->
          "The worst group's value divided by the best group's; 1 means parity. The \"four-fifths rule\" "
              + "of US employment practice flags ratios below 0.8.";
      case VS_REFERENCE ->
          "How far the group farthest from the reference group (by default the largest group) is "
              + "from it.";
      case VS_OVERALL -> "How far the group farthest from the overall value is from it.";
      case EQUALIZED_ODDS ->
          "For each class, the spread across groups of the true-positive rate and of the "
              + "false-positive rate; the largest of these. 0 means the model's errors fall equally on every group.";
      case DEMOGRAPHIC_PARITY ->
          "For each class, the spread across groups of the share of faces assigned to it; "
              + "the largest. It compares outputs only, not errors.";
    };
  }
}
