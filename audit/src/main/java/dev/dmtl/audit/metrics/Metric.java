package dev.dmtl.audit.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.dmtl.contract.model.TaskKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every per-group metric of the audit, computed from one {@link TaskContext} (pure arithmetic, no
 * state). A value that is mathematically undefined for the group (no rows of that class, no
 * predictions of it, …) is {@code NaN}, never 0.
 *
 * <p>Nominal tasks use one-vs-rest counts per class c: TP = confusion(c,c), FP = column c − TP, FN
 * = row c − TP, TN = n − TP − FP − FN. The age task's error is prediction − truth in years
 * (positive = over-estimation); which prediction (Eq. 6 rank or expected rank) is set by {@code
 * AuditOptions.agePrediction}.
 */
public enum Metric {

  /** Rows behind the task's metrics in this group (labelled: truth and prediction known). */
  N(
      EnumSet.allOf(TaskKind.class),
      EnumSet.allOf(AuditMode.class),
      Qualifier.NONE,
      Direction.NEUTRAL,
      false) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.n();
    }
  },

  // ---- labelled nominal ----

  /** Share of rows whose predicted label equals the true label. */
  ACCURACY(TaskKind.NOMINAL, Qualifier.NONE, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.diagonal(), c.n());
    }
  },
  /**
   * Unweighted mean of {@link #F1} over the classes whose F1 is defined in this group (classes that
   * occur as truth or as prediction), as scikit-learn does; NaN when there are none.
   */
  MACRO_F1(TaskKind.NOMINAL, Qualifier.NONE, Direction.HIGHER_IS_BETTER, false) {
    @Override
    public double compute(TaskContext c, int q) {
      double sum = 0;
      int defined = 0;
      for (int k = 0; k < c.classes(); k++) {
        double f1 = F1.compute(c, k);
        if (!Double.isNaN(f1)) {
          sum += f1;
          defined++;
        }
      }
      return defined == 0 ? Double.NaN : sum / defined;
    }
  },
  /**
   * TP / (TP + FP): of the rows predicted as c, the share that are c. NaN if c is never predicted.
   */
  PRECISION(TaskKind.NOMINAL, Qualifier.CLASS, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.confusion(q, q), c.colSum(q));
    }
  },
  /** TP / (TP + FN): of the rows that are c, the share predicted as c. NaN if c does not occur. */
  RECALL(TaskKind.NOMINAL, Qualifier.CLASS, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.confusion(q, q), c.rowSum(q));
    }
  },
  /**
   * One-vs-rest true-positive rate, identical to {@link #RECALL}; kept under its own name because
   * equalized odds is stated in TPR/FPR terms.
   */
  TPR(TaskKind.NOMINAL, Qualifier.CLASS, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return RECALL.proportion(c, q);
    }
  },
  /** One-vs-rest false-positive rate FP / (FP + TN). NaN if every row of the group is c. */
  FPR(TaskKind.NOMINAL, Qualifier.CLASS, Direction.LOWER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      double fp = c.colSum(q) - c.confusion(q, q);
      double negatives = c.n() - c.rowSum(q);
      return new Proportion(fp, negatives);
    }
  },
  /**
   * 2·TP / (2·TP + FP + FN), equal to the harmonic mean of precision and recall where both are
   * defined; 0 when c occurs or is predicted but never correctly; NaN when c neither occurs nor is
   * predicted in the group.
   */
  F1(TaskKind.NOMINAL, Qualifier.CLASS, Direction.HIGHER_IS_BETTER, false) {
    @Override
    public double compute(TaskContext c, int q) {
      double tp = c.confusion(q, q);
      double denominator = c.rowSum(q) + c.colSum(q);
      return denominator == 0 ? Double.NaN : 2 * tp / denominator;
    }
  },
  /**
   * Share of the group's rows predicted as c (for demographic parity); Aequitas calls it predicted
   * prevalence ({@code pprev}).
   */
  SELECTION_RATE(TaskKind.NOMINAL, Qualifier.CLASS, Direction.NEUTRAL, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.colSum(q), c.n());
    }
  },
  /** One-vs-rest false-negative rate FN / (TP + FN) = 1 − recall. NaN if c does not occur. */
  FNR(TaskKind.NOMINAL, Qualifier.CLASS, Direction.LOWER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.rowSum(q) - c.confusion(q, q), c.rowSum(q));
    }
  },
  /** One-vs-rest true-negative rate TN / (TN + FP) = 1 − FPR. NaN if every row is c. */
  TNR(TaskKind.NOMINAL, Qualifier.CLASS, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      double negatives = c.n() - c.rowSum(q);
      double fp = c.colSum(q) - c.confusion(q, q);
      return new Proportion(negatives - fp, negatives);
    }
  },
  /** False discovery rate FP / (TP + FP) = 1 − precision. NaN if c is never predicted. */
  FDR(TaskKind.NOMINAL, Qualifier.CLASS, Direction.LOWER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.colSum(q) - c.confusion(q, q), c.colSum(q));
    }
  },
  /**
   * False omission rate FN / (FN + TN): of the rows not predicted as c, the share that are c. NaN
   * if every row is predicted as c.
   */
  FOR(TaskKind.NOMINAL, Qualifier.CLASS, Direction.LOWER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      double notPredicted = c.n() - c.colSum(q);
      double fn = c.rowSum(q) - c.confusion(q, q);
      return new Proportion(fn, notPredicted);
    }
  },
  /** Negative predictive value TN / (TN + FN) = 1 − FOR. NaN if every row is predicted as c. */
  NPV(TaskKind.NOMINAL, Qualifier.CLASS, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      double notPredicted = c.n() - c.colSum(q);
      double fn = c.rowSum(q) - c.confusion(q, q);
      return new Proportion(notPredicted - fn, notPredicted);
    }
  },
  /** Share of the group's rows that are c (Aequitas' {@code prev}): the base rate. */
  PREVALENCE(TaskKind.NOMINAL, Qualifier.CLASS, Direction.NEUTRAL, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.rowSum(q), c.n());
    }
  },
  /**
   * Expected calibration error of the predicted label's probability over 10 (by default)
   * equal-width bins on [0, 1]: Σ_b (n_b / n) |accuracy_b − mean confidence_b| (Guo et al. 2017).
   */
  ECE(TaskKind.NOMINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.nominalCalibration().width().ece();
    }
  },
  /** The same over equal-mass bins, whose edges are quantiles of all rows' confidences. */
  ECE_MASS(
      TaskKind.NOMINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.nominalCalibration().mass().ece();
    }
  },
  /** Maximum calibration error: the largest |accuracy − mean confidence| of a non-empty bin. */
  MCE(TaskKind.NOMINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.nominalCalibration().width().mce();
    }
  },
  /** Multi-class Brier score: mean over rows of Σ_c (p_c − [c = truth])², 0 (best) to 2. */
  BRIER(TaskKind.NOMINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      NominalCalibration k = c.nominalCalibration();
      return k.scored() == 0 ? Double.NaN : k.brierSum() / k.scored();
    }
  },
  /** Log-loss: mean −ln p(true label), probabilities floored at 1e−15. */
  LOG_LOSS(
      TaskKind.NOMINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      NominalCalibration k = c.nominalCalibration();
      return k.scored() == 0 ? Double.NaN : k.logLossSum() / k.scored();
    }
  },
  /**
   * Area under the ROC curve of a two-class task, scoring rows by the probability of the second
   * label (ties count one half): the chance that a random row of that label scores above a random
   * row of the other. NaN unless both labels occur in the group.
   */
  ROC_AUC(
      TaskKind.NOMINAL,
      Qualifier.NONE,
      Direction.HIGHER_IS_BETTER,
      false,
      Needs.TWO_CLASS_PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.nominalCalibration().auc();
    }
  },

  // ---- labelled ordinal (age) ----

  /** Mean absolute error in years. */
  MAE(TaskKind.ORDINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.n() == 0 ? Double.NaN : c.sumAbsError() / c.n();
    }
  },
  /** Mean squared error in years². */
  MSE(TaskKind.ORDINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.n() == 0 ? Double.NaN : c.sumSquaredError() / c.n();
    }
  },
  /** Root mean squared error in years. */
  RMSE(TaskKind.ORDINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false) {
    @Override
    public double compute(TaskContext c, int q) {
      return Math.sqrt(MSE.compute(c, q));
    }
  },
  /** Mean signed error in years: positive = the model over-estimates this group's age. */
  MEAN_ERROR(TaskKind.ORDINAL, Qualifier.NONE, Direction.NEUTRAL, false) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.n() == 0 ? Double.NaN : c.sumError() / c.n();
    }
  },
  /** Share of rows whose predicted age falls in the true age bin. */
  GROUP_ACCURACY(TaskKind.ORDINAL, Qualifier.NONE, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.diagonal(), c.n());
    }
  },
  /** Share of rows whose predicted age bin is the true bin or an adjacent one (±1 group). */
  GROUP_ONE_OFF_ACCURACY(TaskKind.ORDINAL, Qualifier.NONE, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.binOneOff(), c.n());
    }
  },
  /** Cumulative score CS(k), paper Eq. 17: share of rows with |error| ≤ k years, k = 0..20. */
  CS(TaskKind.ORDINAL, Qualifier.K, Direction.HIGHER_IS_BETTER, true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.withinK(q), c.n());
    }
  },
  /**
   * Calibration error of the K−1 threshold probabilities P(age &gt; r_k), pooled over rows and
   * thresholds, against the observed [age &gt; r_k], over equal-width bins on [0, 1].
   */
  THRESHOLD_ECE(
      TaskKind.ORDINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.ageCalibration().thresholds().ece();
    }
  },
  /** Brier score of the threshold probabilities: mean (p_k − [age &gt; r_k])² over them all. */
  THRESHOLD_BRIER(
      TaskKind.ORDINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.PROBABILITIES) {
    @Override
    public double compute(TaskContext c, int q) {
      AgeCalibration a = c.ageCalibration();
      double n = a.thresholds().total();
      return n == 0 ? Double.NaN : a.thresholdBrierSum() / n;
    }
  },
  /** Mean (expected age − true age) in years: calibration-in-the-large of the expected age. */
  EXPECTED_BIAS(TaskKind.ORDINAL, Qualifier.NONE, Direction.NEUTRAL, false, Needs.EXPECTED_AGE) {
    @Override
    public double compute(TaskContext c, int q) {
      AgeCalibration a = c.ageCalibration();
      double n = a.expected().total();
      return n == 0 ? Double.NaN : a.expectedErrorSum() / n;
    }
  },
  /**
   * Calibration error of the expected age in years: rows binned by the age group of their expected
   * age, Σ_b (n_b / n) |mean true age_b − mean expected age_b|.
   */
  EXPECTED_ECE(
      TaskKind.ORDINAL, Qualifier.NONE, Direction.LOWER_IS_BETTER, false, Needs.EXPECTED_AGE) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.ageCalibration().expected().ece();
    }
  },

  // ---- label-free ----

  /** Share of the group's rows predicted as class (or age bin) c. Not an accuracy. */
  PREDICTED_SHARE(
      EnumSet.allOf(TaskKind.class),
      EnumSet.of(AuditMode.LABEL_FREE),
      Qualifier.CLASS,
      Direction.NEUTRAL,
      true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.predicted(q), c.n());
    }
  },
  /** Mean probability the model gave its predicted label (0..1). Not an accuracy. */
  MEAN_CONFIDENCE(
      EnumSet.of(TaskKind.NOMINAL),
      EnumSet.of(AuditMode.LABEL_FREE),
      Qualifier.NONE,
      Direction.NEUTRAL,
      false) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.confidenceCount() == 0 ? Double.NaN : c.sumConfidence() / c.confidenceCount();
    }
  },
  /**
   * Share of inputs (images) that produced at least one prediction row, i.e. did not end as a dead
   * letter or without a face. Reported for the {@value MetricKey#COVERAGE_TASK} pseudo task only,
   * from {@link TaskContext#coverage}.
   */
  COVERAGE(
      EnumSet.noneOf(TaskKind.class),
      EnumSet.allOf(AuditMode.class),
      Qualifier.NONE,
      Direction.HIGHER_IS_BETTER,
      true) {
    @Override
    public Proportion proportion(TaskContext c, int q) {
      return new Proportion(c.predicted(0), c.n());
    }
  },
  /** Mean predicted age in years. Not an accuracy. */
  MEAN_PREDICTION(
      EnumSet.of(TaskKind.ORDINAL),
      EnumSet.of(AuditMode.LABEL_FREE),
      Qualifier.NONE,
      Direction.NEUTRAL,
      false) {
    @Override
    public double compute(TaskContext c, int q) {
      return c.n() == 0 ? Double.NaN : c.sumPrediction() / c.n();
    }
  };

  // unmodifiable copies (Set.copyOf), never handed out mutable; the checker knows only Guava's
  // types
  @SuppressWarnings("ImmutableEnumChecker")
  private final Set<TaskKind> kinds;

  @SuppressWarnings("ImmutableEnumChecker")
  private final Set<AuditMode> modes;

  private final Qualifier qualifier;
  private final Direction direction;
  private final boolean proportion;
  private final Needs needs;

  /** What a task's rows must carry for a metric to exist. */
  public enum Needs {
    /** Predicted and true labels (or ages) only. */
    LABELS,
    /** The probability vector (nominal) or the threshold probabilities (ordinal). */
    PROBABILITIES,
    /** The probability vector of a task with exactly two labels. */
    TWO_CLASS_PROBABILITIES,
    /** The expected age ({@code <task>_expected}). */
    EXPECTED_AGE
  }

  Metric(TaskKind kind, Qualifier qualifier, Direction direction, boolean proportion) {
    this(kind, qualifier, direction, proportion, Needs.LABELS);
  }

  Metric(TaskKind kind, Qualifier qualifier, Direction direction, boolean proportion, Needs needs) {
    this(EnumSet.of(kind), EnumSet.of(AuditMode.LABELLED), qualifier, direction, proportion, needs);
  }

  Metric(
      Set<TaskKind> kinds,
      Set<AuditMode> modes,
      Qualifier qualifier,
      Direction direction,
      boolean proportion) {
    this(kinds, modes, qualifier, direction, proportion, Needs.LABELS);
  }

  Metric(
      Set<TaskKind> kinds,
      Set<AuditMode> modes,
      Qualifier qualifier,
      Direction direction,
      boolean proportion,
      Needs needs) {
    this.kinds = Set.copyOf(kinds);
    this.modes = Set.copyOf(modes);
    this.qualifier = qualifier;
    this.direction = direction;
    this.proportion = proportion;
    this.needs = needs;
  }

  /** What the rows must carry for this metric to be computed. */
  public Needs needs() {
    return needs;
  }

  /**
   * The metric whose comparison between groups decides this one's significance: itself, or the
   * metric it is a complement or a monotone function of (FNR = 1 − recall, TNR = 1 − FPR, FDR = 1 −
   * precision, NPV = 1 − FOR, TPR = recall, RMSE = √MSE), so that one difference is tested once and
   * counted once in the multiple-comparison family.
   */
  public Metric testedAs() {
    return switch (this) {
      case TPR, FNR -> RECALL;
      case TNR -> FPR;
      case FDR -> PRECISION;
      case NPV -> FOR;
      case RMSE -> MSE;
      default -> this;
    };
  }

  /**
   * The metric's value for class / bin index or tolerance k {@code q} (ignored when the metric has
   * no qualifier). NaN when undefined.
   */
  public double compute(TaskContext c, int q) {
    Proportion p = proportion(c, q);
    return p.value();
  }

  /**
   * For metrics that are a share of counts: the counts, for a Wilson interval. Other metrics throw
   * {@link UnsupportedOperationException}; check {@link #isProportion()} first.
   */
  public Proportion proportion(TaskContext c, int q) {
    throw new UnsupportedOperationException(this + " is not a proportion");
  }

  /** True when the metric is a share of counts (has a Wilson interval). */
  public boolean isProportion() {
    return proportion;
  }

  public boolean appliesTo(TaskKind kind, AuditMode mode) {
    return kinds.contains(kind) && modes.contains(mode);
  }

  public Qualifier qualifier() {
    return qualifier;
  }

  public Direction direction() {
    return direction;
  }

  /**
   * True for metrics that gaps and group comparisons are computed for: all but {@link #N}, whose
   * differences between groups are a matter of sampling, not of fairness.
   */
  public boolean isComparable() {
    return this != N;
  }

  /**
   * True for signed metrics (mean error, the bias of the expected age): their ratio between groups
   * means nothing, so gaps between them are differences only.
   */
  public boolean isSigned() {
    return this == MEAN_ERROR || this == EXPECTED_BIAS;
  }

  /**
   * True for metrics whose difference between a group and its reference is tested for significance:
   * the comparable metrics of the model's quality, not {@link #PREVALENCE} (a property of the data:
   * across groups of the task's own attribute it is 0 or 1 by construction) and not the label-free
   * descriptions of the model's output.
   */
  public boolean isTested() {
    return isComparable() && this != PREVALENCE && modes.contains(AuditMode.LABELLED);
  }

  /** Spelling in ids, JSON, CSV and rules: {@code accuracy}, {@code macro_f1}, {@code cs}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Metric parse(String value) {
    for (Metric m : values()) {
      if (m.jsonName().equalsIgnoreCase(value.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + value + "'");
  }
}
