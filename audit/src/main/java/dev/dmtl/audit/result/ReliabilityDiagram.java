package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.metrics.BinSums;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reliability diagram of one task in one group: per bin of what the model predicted, the mean
 * prediction against the mean of what happened. A calibrated model lies on the diagonal. Point
 * values on all rows (the calibration errors that summarise a diagram have intervals; the diagram's
 * bins do not).
 *
 * @param group the group (the overall group or a single-attribute group)
 * @param task the task
 * @param kind {@code confidence_width} and {@code confidence_mass} (nominal: the predicted label's
 *     probability against whether it was right, equal-width and equal-mass bins), {@code
 *     thresholds} (ordinal: every P(age &gt; r_k) against [age &gt; r_k]), {@code expected_age}
 *     (ordinal: the expected age against the true age, binned by the expected age's age group)
 * @param bins the bins, lowest first
 */
@JsonPropertyOrder({"group", "task", "kind", "bins"})
public record ReliabilityDiagram(GroupKey group, String task, String kind, List<Bin> bins) {

  public ReliabilityDiagram {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(kind, "kind");
    bins = List.copyOf(bins);
  }

  /**
   * One bin.
   *
   * @param lower the bin's lower edge (included)
   * @param upper its upper edge (excluded, except for the last bin)
   * @param n predictions in the bin
   * @param predicted mean prediction (NaN when empty)
   * @param observed mean outcome (NaN when empty)
   */
  @JsonPropertyOrder({"lower", "upper", "n", "predicted", "observed"})
  public record Bin(double lower, double upper, long n, double predicted, double observed) {}

  /** A diagram from bin sums and edges ({@code bins + 1} of them). */
  public static ReliabilityDiagram of(
      GroupKey group, String task, String kind, double[] edges, BinSums sums) {
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < sums.bins(); b++) {
      double n = sums.count()[b];
      bins.add(
          new Bin(
              edges[b],
              edges[b + 1],
              Math.round(n),
              n == 0 ? Double.NaN : sums.predicted()[b] / n,
              n == 0 ? Double.NaN : sums.observed()[b] / n));
    }
    return new ReliabilityDiagram(group, task, kind, bins);
  }
}
