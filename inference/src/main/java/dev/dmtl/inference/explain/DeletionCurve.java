package dev.dmtl.inference.explain;

import java.util.List;
import java.util.Objects;

/**
 * The deletion test of one map: the effect on the task's score (see {@link TaskScore#effect}) of
 * greying the most salient cells first, against greying as many cells chosen at random. A map that
 * tells the truth about the model gives {@code salient} above {@code random}, most clearly at small
 * fractions.
 *
 * @param task the task
 * @param fractions the shares of cells greyed, ascending, each in (0, 1]
 * @param salient effect with the top cells (by map value) greyed, one per fraction
 * @param random mean effect over the random draws, one per fraction
 * @param draws random draws averaged per fraction
 */
public record DeletionCurve(
    String task, List<Double> fractions, List<Double> salient, List<Double> random, int draws) {

  public DeletionCurve {
    Objects.requireNonNull(task, "task");
    fractions = List.copyOf(fractions);
    salient = List.copyOf(salient);
    random = List.copyOf(random);
    if (salient.size() != fractions.size() || random.size() != fractions.size()) {
      throw new IllegalArgumentException("one salient and one random effect per fraction");
    }
  }

  /** Mean effect over the fractions with salient cells greyed (the area under the curve). */
  public double salientArea() {
    return salient.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Mean effect over the fractions with random cells greyed. */
  public double randomArea() {
    return random.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
