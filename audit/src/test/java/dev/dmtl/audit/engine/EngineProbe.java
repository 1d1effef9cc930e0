package dev.dmtl.audit.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Developer aid: CPU time of the bootstrap's pieces on a population. */
public final class EngineProbe {
  private EngineProbe() {}

  public static void probe(Population p, int resamples) {
    MetricLayout layout = new MetricLayout(p);
    Population.Scratch scratch = p.scratch();
    double[] pointStats = p.groupStats(null, scratch);
    double[] point = layout.values(pointStats);
    int groups = p.index().groupCount();
    boolean[][] sufficient = new boolean[groups][p.blocks().size()];
    for (boolean[] s : sufficient) {
      Arrays.fill(s, true);
    }
    int[] refs = new int[p.index().groupings().size()];
    Arrays.fill(refs, -1);
    GapPlan plan = new GapPlan(p, layout, point, sufficient, refs);
    int n = p.clusters();
    int[] w = new int[n];
    SplittableRandom rng = new SplittableRandom(1);
    for (int round = 0; round < 2; round++) {
      long draw = 0;
      long stats = 0;
      long values = 0;
      long gaps = 0;
      for (int b = 0; b < resamples; b++) {
        long t0 = System.nanoTime();
        Arrays.fill(w, 0);
        for (int j = 0; j < n; j++) {
          w[rng.nextInt(n)]++;
        }
        long t1 = System.nanoTime();
        double[] gs = p.groupStats(w, scratch);
        long t2 = System.nanoTime();
        double[] v = layout.values(gs);
        long t3 = System.nanoTime();
        plan.values(v);
        long t4 = System.nanoTime();
        draw += t1 - t0;
        stats += t2 - t1;
        values += t3 - t2;
        gaps += t4 - t3;
      }
      System.out.printf(
          "per resample: draw %.2f ms, stats %.2f ms, values %.2f ms, gaps %.2f ms (keys %d, gaps %d)%n",
          draw / 1e6 / resamples,
          stats / 1e6 / resamples,
          values / 1e6 / resamples,
          gaps / 1e6 / resamples,
          layout.keyCount(),
          plan.specs().size());
    }
  }
}
