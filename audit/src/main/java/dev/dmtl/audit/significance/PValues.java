package dev.dmtl.audit.significance;

import dev.dmtl.audit.config.Correction;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Multiple-comparison adjustments of p-values, as R's {@code p.adjust} computes them. */
public final class PValues {

  private PValues() {}

  /**
   * The adjusted p-values, in the order given; NaN stays NaN and does not count in the family.
   *
   * @param p raw p-values
   */
  public static double[] adjust(double[] p, Correction correction) {
    int[] tested = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).toArray();
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    int m = tested.length;
    if (m == 0) {
      return out;
    }
    Integer[] order =
        Arrays.stream(tested)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i))
            .toArray(Integer[]::new);
    switch (correction) {
      case NONE -> {
        for (int i : tested) {
          out[i] = p[i];
        }
      }
      case HOLM -> {
        // p_(j) (m − j + 1), running maximum from the smallest, capped at 1
        double running = 0;
        for (int j = 0; j < m; j++) {
          running = Math.max(running, Math.min(1, (m - j) * p[order[j]]));
          out[order[j]] = running;
        }
      }
      case BH -> {
        // p_(j) m / j, running minimum from the largest, capped at 1
        double running = 1;
        for (int j = m - 1; j >= 0; j--) {
          running = Math.min(running, Math.min(1, p[order[j]] * m / (j + 1)));
          out[order[j]] = running;
        }
      }
    }
    return out;
  }
}
