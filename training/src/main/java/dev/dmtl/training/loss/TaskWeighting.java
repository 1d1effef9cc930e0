package dev.dmtl.training.loss;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How task losses are combined: learned uncertainty (Eq. 15) or fixed weights (the ablation
 * baseline), parsed from {@code uncertainty} or {@code fixed:a,g,r}.
 *
 * @param uncertainty true for Eq. 15; false for a fixed weighted sum
 * @param fixedWeights the weights per task in task order when not uncertainty-weighted
 */
public record TaskWeighting(boolean uncertainty, List<Double> fixedWeights) {

  public TaskWeighting {
    fixedWeights = List.copyOf(fixedWeights);
  }

  public static TaskWeighting learnedUncertainty() {
    return new TaskWeighting(true, List.of());
  }

  public static TaskWeighting parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("uncertainty")) {
      return learnedUncertainty();
    }
    if (v.startsWith("fixed:")) {
      try {
        List<Double> w =
            Arrays.stream(v.substring("fixed:".length()).split(","))
                .map(String::trim)
                .map(Double::parseDouble)
                .toList();
        if (w.stream().anyMatch(x -> !(x >= 0) || Double.isInfinite(x))) {
          throw new IllegalArgumentException("weights must be finite and >= 0");
        }
        return new TaskWeighting(false, w);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "cannot parse weights in '" + value + "': " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        "weighting must be 'uncertainty' or 'fixed:a,g,r', got '" + value + "'");
  }

  @Override
  public String toString() {
    return uncertainty
        ? "uncertainty"
        : "fixed:" + String.join(",", fixedWeights.stream().map(String::valueOf).toList());
  }
}
