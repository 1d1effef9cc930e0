package dev.dmtl.audit.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The seeded nonparametric cluster bootstrap: each resample draws as many clusters (images) as
 * there are, with replacement, and recomputes every group statistic with one weighted pass over the
 * primitive arrays of the {@link Population}, every row weighted by how often its image was drawn.
 * Faces of one photo are not independent (one lighting, one camera, one person's look), so they are
 * drawn together. Resample b always uses the b-th generator split from {@code new
 * SplittableRandom(seed)} and clusters are numbered in a canonical order, so results depend on
 * neither the number of threads nor the order of the rows in the files.
 */
final class Bootstrap {

  /**
   * @param values per resample the metric vector (see {@link MetricLayout}), as floats: the
   *     intervals need no more digits, and a million-row audit keeps hundreds of megabytes of them
   * @param gaps per resample the gap vector (see {@link GapPlan})
   */
  record Samples(float[][] values, float[][] gaps) {
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
    float[][] values = new float[resamples][];
    float[][] gaps = new float[resamples][];
    if (resamples == 0 || population.clusters() == 0) {
      return new Samples(new float[0][], new float[0][]);
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
                  int clusters = population.clusters();
                  int[] weights = new int[clusters];
                  Population.Scratch scratch = population.scratch();
                  for (int b = first; b < resamples; b += workers) {
                    Arrays.fill(weights, 0);
                    SplittableRandom rng = generators[b];
                    for (int j = 0; j < clusters; j++) {
                      weights[rng.nextInt(clusters)]++;
                    }
                    double[] v = layout.values(population.groupStats(weights, scratch));
                    values[b] = floats(v);
                    gaps[b] = floats(plan.values(v));
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

  private static float[] floats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
