package dev.dmtl.audit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The seeded nonparametric bootstrap: each resample draws n row indices with replacement, turns
 * them into per-row counts, and recomputes every group statistic with one weighted pass over the
 * primitive arrays of the {@link Population} (no tables, no objects per row). Resample b always
 * uses the b-th generator split from {@code new SplittableRandom(seed)}, so results do not depend
 * on the number of threads.
 */
final class Bootstrap {

  /**
   * @param values per resample the metric vector (see {@link MetricLayout})
   * @param gaps per resample the gap vector (see {@link GapPlan})
   */
  record Samples(double[][] values, double[][] gaps) {
    int resamples() {
      return values.length;
    }
  }

  private Bootstrap() {}

  static Samples run(
      Population population,
      MetricLayout layout,
      GapPlan plan,
      int resamples,
      long seed,
      int threads) {
    double[][] values = new double[resamples][];
    double[][] gaps = new double[resamples][];
    if (resamples == 0) {
      return new Samples(values, gaps);
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] generators = new SplittableRandom[resamples];
    for (int b = 0; b < resamples; b++) {
      generators[b] = root.split();
    }
    int workers = Math.max(1, Math.min(threads, resamples));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "dmtl-bootstrap");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int first = w;
        futures.add(
            pool.submit(
                () -> {
                  int n = population.n();
                  int[] weights = new int[n];
                  for (int b = first; b < resamples; b += workers) {
                    java.util.Arrays.fill(weights, 0);
                    SplittableRandom rng = generators[b];
                    for (int j = 0; j < n; j++) {
                      weights[rng.nextInt(n)]++;
                    }
                    double[] v = layout.values(population.groupStats(weights));
                    values[b] = v;
                    gaps[b] = plan.values(v);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("bootstrap failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bootstrap interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    return new Samples(values, gaps);
  }
}
