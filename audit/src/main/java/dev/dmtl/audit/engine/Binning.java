package dev.dmtl.audit.engine;

import java.util.Arrays;

/**
 * How a probability (or any value) falls into the bins of a reliability diagram: by cut points, a
 * value going into the bin above every cut it reaches ({@code bin = #cuts ≤ value}).
 *
 * @param cuts interior cut points, strictly ascending
 * @param low the lowest edge, for the diagram (0 for probabilities)
 * @param high the highest edge (1 for probabilities)
 */
public record Binning(double[] cuts, double low, double high) {

  public Binning {
    cuts = cuts.clone();
    for (int i = 1; i < cuts.length; i++) {
      if (!(cuts[i] > cuts[i - 1])) {
        throw new IllegalArgumentException("cuts must ascend strictly: " + Arrays.toString(cuts));
      }
    }
  }

  /** {@code bins} equal-width bins on [0, 1]: cuts at 1/B, 2/B, …, (B−1)/B. */
  public static Binning equalWidth(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("at least one bin, got " + bins);
    }
    double[] cuts = new double[bins - 1];
    for (int b = 1; b < bins; b++) {
      cuts[b - 1] = (double) b / bins;
    }
    return new Binning(cuts, 0, 1);
  }

  /**
   * Up to {@code bins} equal-mass bins on [0, 1] for these values (NaN ignored): cut j is the
   * sorted value at index ⌈j·n/B⌉, so each bin holds about n/B values; cuts that coincide (many
   * equal values) are merged, leaving fewer bins.
   */
  public static Binning equalMass(double[] values, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("at least one bin, got " + bins);
    }
    double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    int n = finite.length;
    double[] cuts = new double[Math.max(0, bins - 1)];
    int m = 0;
    for (int j = 1; j < bins && n > 0; j++) {
      int at = (int) Math.min(n - 1, ((long) j * n + bins - 1) / bins);
      double cut = finite[at];
      if (cut > 0 && (m == 0 || cut > cuts[m - 1])) {
        cuts[m++] = cut;
      }
    }
    return new Binning(Arrays.copyOf(cuts, m), 0, 1);
  }

  public int bins() {
    return cuts.length + 1;
  }

  /** The bin of a value: the number of cuts at or below it. */
  public int of(double value) {
    int lo = 0;
    int hi = cuts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cuts[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The bins' edges, lowest first: low, the cuts, high. */
  public double[] edges() {
    double[] e = new double[cuts.length + 2];
    e[0] = low;
    System.arraycopy(cuts, 0, e, 1, cuts.length);
    e[e.length - 1] = high;
    return e;
  }

  @Override
  public double[] cuts() {
    return cuts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Binning b && Arrays.equals(cuts, b.cuts) && low == b.low && high == b.high;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cuts) * 31 + Double.hashCode(low) * 7 + Double.hashCode(high);
  }

  @Override
  public String toString() {
    return "Binning" + Arrays.toString(edges());
  }
}
