package dev.dmtl.pipeline;

import java.util.HashSet;
import java.util.Set;

/**
 * The runner failed the job (not the user's input): a worker lost for good, restarts exhausted, a
 * bug in a transform. Nothing was published. The message is one line naming the cause — the first
 * exception in the chain that is not one of the runner's wrappers ("Pipeline execution failed",
 * "Job execution failed", "Recovery is suppressed by …", "The user defined 'open' method … caused
 * an exception") — and whether Flink's restart strategy gave up; the full chain stays the cause,
 * for {@code --verbose}.
 */
public final class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Wrappers the runners put around the real cause, by class name (the CLI does not see Flink's
   * classes).
   */
  private static final Set<String> WRAPPERS =
      Set.of(
          "org.apache.flink.client.program.ProgramInvocationException",
          "org.apache.flink.runtime.client.JobExecutionException",
          "org.apache.flink.runtime.client.JobInitializationException",
          "org.apache.flink.runtime.JobException",
          "org.apache.beam.sdk.Pipeline$PipelineExecutionException",
          "java.util.concurrent.ExecutionException",
          "java.util.concurrent.CompletionException",
          "java.lang.reflect.InvocationTargetException");

  private static final String RESTARTS_EXHAUSTED = "Recovery is suppressed by ";

  private RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param failure what the runner threw
   * @param where where the job ran, e.g. "embedded Flink" or "the Flink cluster at host:port"
   */
  public static RunFailedException of(Throwable failure, String where) {
    String strategy = null;
    Throwable cause = null;
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.startsWith(RESTARTS_EXHAUSTED)) {
        strategy = firstLine(message.substring(RESTARTS_EXHAUSTED.length()));
      }
      if (cause == null && !isWrapper(t)) {
        cause = t;
      }
    }
    if (cause == null) {
      cause = failure;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
    }
    String text =
        "the job on "
            + where
            + " failed"
            + (strategy == null ? "" : " and its restart strategy gave up (" + strategy + ")")
            + ": "
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()))
            + (cause.getClass().getSimpleName().equals("NoResourceAvailableException")
                ? " (the cluster has fewer free task slots than the job's parallelism: a TaskManager lost?)"
                : "")
            + "; nothing was published";
    return new RunFailedException(text, failure);
  }

  private static boolean isWrapper(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    if (WRAPPERS.contains(t.getClass().getName()) || message.startsWith(RESTARTS_EXHAUSTED)) {
      return true;
    }
    // Beam: new RuntimeException("Pipeline execution failed", e); Flink: new Exception("The user
    // defined 'open(…)' method … caused an exception: …", e)
    return (t.getClass() == RuntimeException.class || t.getClass() == Exception.class)
        && t.getCause() != null
        && (message.startsWith("Pipeline execution failed")
            || message.startsWith("The user defined")
            || message.equals(t.getCause().toString()));
  }

  private static String firstLine(String message) {
    String s = message.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
