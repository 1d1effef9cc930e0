package dev.dmtl.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * Waits for embedded Flink's mini cluster to finish closing after a job. Flink closes the per-job
 * mini cluster asynchronously once the job's result is in ({@code PerJobMiniClusterFactory}), and
 * nobody waits for it. A JVM that exits during that close runs Pekko's JVM shutdown hook against
 * the RPC class loader Flink has already closed, and a successful run ends with a {@code
 * NoClassDefFoundError: scala/collection/mutable/Set$} trace on stderr. Waiting here, bounded, lets
 * the close finish first; a close that hangs does not hold the run longer than the limit.
 */
final class EmbeddedFlinkShutdown {

  /**
   * Long enough for a normal close (well under a second here), short enough not to matter if one
   * hangs.
   */
  static final Duration LIMIT = Duration.ofSeconds(10);

  private EmbeddedFlinkShutdown() {}

  /** Waits until the mini cluster's RPC threads have ended, at most {@code limit}. */
  static void await(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    List<Thread> alive = rpcThreads();
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      try {
        alive.get(0).join(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread()
            .interrupt(); // the caller is being stopped: stop waiting, keep the flag
        break;
      }
      alive = rpcThreads();
    }
  }

  /**
   * Threads of the mini cluster's Pekko actor systems ("flink" for RPC, "flink-metrics" for
   * metrics).
   */
  private static List<Thread> rpcThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t -> t.getName().startsWith("flink-pekko") || t.getName().startsWith("flink-metrics"))
        .toList();
  }
}
