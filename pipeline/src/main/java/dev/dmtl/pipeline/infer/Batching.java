package dev.dmtl.pipeline.infer;

/**
 * How inputs are grouped into model-sized batches before decoding. The right choice depends on how
 * the runner cuts bundles, so the job picks it from the runner.
 */
public enum Batching {
  /**
   * {@code GroupIntoBatches} over {@link AnalyzeConfig#shards()} keys: full batches on runners that
   * hand out tiny bundles (the Direct runner gives one element per bundle after a shuffle). The cost:
   * a handful of keys hash unevenly onto workers (on embedded Flink with 8 keys and 2 workers one
   * worker got 1,526 of 2,000 inputs), so the last part of a run uses fewer workers.
   */
  KEYED,
  /**
   * Rebalance by a per-input key (a hash of its path: deterministic, and so many distinct keys that
   * the runner's hash partitioning spreads them evenly), then cut batches inside each bundle. Flink's
   * batch execution makes a whole partition one bundle, so every worker gets an equal share and
   * leaves at most one partial batch.
   */
  BUNDLE
}
