package dev.dmtl.contract.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's Eq. 16: the effective weight of task i is β_i = 1 / Σ_j (σ_i² / σ_j²), so the β sum
 * to 1 and a task with small learned variance (an "easy", confident task) weighs more.
 */
public final class UncertaintyWeights {

  private UncertaintyWeights() {}

  /**
   * @param logVariance s_t = log σ_t² per task, in the order to report
   * @return β per task, in the same order; empty for empty input
   */
  public static Map<String, Double> beta(Map<String, Double> logVariance) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> i : logVariance.entrySet()) {
      double sum = 0;
      for (double sj : logVariance.values()) {
        sum += Math.exp(i.getValue() - sj); // σ_i² / σ_j² computed in log space
      }
      out.put(i.getKey(), 1.0 / sum);
    }
    return out;
  }
}
