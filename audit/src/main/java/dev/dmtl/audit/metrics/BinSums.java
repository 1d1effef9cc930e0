package dev.dmtl.audit.metrics;

/**
 * The sums behind one reliability diagram: per bin the number of predictions, the sum of what was
 * predicted (a probability, or an age in years) and the sum of what was observed (a 0/1 outcome, or
 * the true age). Everything a calibration error needs, and additive over rows, so the bootstrap
 * re-weights it like any other count. Arrays are shared, not copied: they are never modified.
 *
 * @param count predictions per bin
 * @param predicted Σ predicted value per bin
 * @param observed Σ observed value per bin
 */
public record BinSums(double[] count, double[] predicted, double[] observed) {

  public BinSums {
    if (count.length != predicted.length || count.length != observed.length) {
      throw new IllegalArgumentException("bin arrays differ in length");
    }
  }

  /** Bins B. */
  public int bins() {
    return count.length;
  }

  /** All predictions. */
  public double total() {
    double t = 0;
    for (double c : count) {
      t += c;
    }
    return t;
  }

  /**
   * Expected calibration error: Σ_b (n_b / n) · |mean observed_b − mean predicted_b|, which is Σ_b
   * |Σ observed_b − Σ predicted_b| / n; NaN without predictions.
   */
  public double ece() {
    double total = 0;
    double gap = 0;
    for (int b = 0; b < count.length; b++) {
      total += count[b];
      gap += Math.abs(observed[b] - predicted[b]);
    }
    return total == 0 ? Double.NaN : gap / total;
  }

  /**
   * Maximum calibration error: the largest |mean observed − mean predicted| over non-empty bins.
   */
  public double mce() {
    double worst = Double.NaN;
    for (int b = 0; b < count.length; b++) {
      if (count[b] > 0) {
        double d = Math.abs(observed[b] - predicted[b]) / count[b];
        worst = Double.isNaN(worst) ? d : Math.max(worst, d);
      }
    }
    return worst;
  }
}
