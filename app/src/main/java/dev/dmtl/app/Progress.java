package dev.dmtl.app;

/**
 * How a caller shows an inference run while it runs (a progress bar on a terminal, nothing in a
 * test): opened before the pipeline starts, closed when it ends, whatever the outcome.
 */
@FunctionalInterface
public interface Progress {

  /** Shows nothing. */
  Progress NONE = (task, runId) -> () -> {};

  /**
   * @param task what runs, e.g. {@code dmtl run}
   * @param runId the run whose live counts to show
   */
  Display open(String task, String runId);

  /** An open display; closing it must not fail. */
  interface Display extends AutoCloseable {
    @Override
    void close();
  }
}
