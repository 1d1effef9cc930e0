package dev.dmtl.pipeline;

import dev.dmtl.contract.rows.Stage;
import java.io.Serializable;
import java.util.Locale;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The counts a run reports in its manifest, kept as Beam metrics (so they add up across workers)
 * and mirrored into {@link RunProgress} for live display. One instance per DoFn; serializable.
 */
public final class RunCounters implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Metric namespace of every dmtl counter. */
  public static final String NAMESPACE = "dmtl";

  public static final String INPUTS_SEEN = "inputs_seen";
  public static final String INPUTS_WITH_ROWS = "inputs_with_rows";
  public static final String ROWS = "rows";
  public static final String BATCH_SIZE = "batch_size";
  public static final String LABEL_UNPARSABLE = "label_unparsable";
  public static final String SKIPPED_KNOWN = "skipped_known";

  /** Counter name of dead letters at {@code stage}. */
  public static String deadLettersCounter(Stage stage) {
    return "dead_letters_" + stage.name().toLowerCase(Locale.ROOT);
  }

  /** Counter name of rows whose {@code task} label is missing (a label source was given). */
  public static String labelMissingCounter(String task) {
    return "label_missing_" + task;
  }

  private final String runId;

  public RunCounters(String runId) {
    this.runId = runId;
  }

  private RunProgress progress() {
    return RunProgress.of(runId);
  }

  /** A worker found an input: an archive entry, or an archive that could not be read. */
  public void inputSeen() {
    Metrics.counter(NAMESPACE, INPUTS_SEEN).inc();
    progress().addInputsSeen(1);
  }

  /**
   * A worker took {@code n} inputs that the listing already counted for the live progress ({@link
   * #listed}): plain files, or a path that could not be read.
   */
  public void listedInputsTaken(int n) {
    Metrics.counter(NAMESPACE, INPUTS_SEEN).inc(n);
  }

  /**
   * The listing found {@code n} inputs. Live progress only: the listing runs outside any worker,
   * where Beam metrics are not collected, so each input is counted again as a metric when a worker
   * takes it.
   */
  public void listed(long n) {
    progress().addInputsSeen(n);
  }

  /** An input produced {@code rows} rows. */
  public void predicted(int rows) {
    Metrics.counter(NAMESPACE, INPUTS_WITH_ROWS).inc();
    Metrics.counter(NAMESPACE, ROWS).inc(rows);
    progress().addImagesDone(1);
  }

  /** An input became a dead letter. */
  public void deadLetter(Stage stage) {
    Metrics.counter(NAMESPACE, deadLettersCounter(stage)).inc();
    progress().addImagesDone(1);
    progress().addDeadLetters(1);
  }

  /**
   * An input whose image SHA-256 is already published for this model ({@code --skip-known}): read
   * and hashed, not decoded or inferred.
   */
  public void skippedKnown() {
    Metrics.counter(NAMESPACE, SKIPPED_KNOWN).inc();
    progress().addImagesDone(1);
    progress().addSkippedKnown(1);
  }

  /** One call to the model with {@code faces} faces. */
  public void batch(int faces) {
    Distribution d = Metrics.distribution(NAMESPACE, BATCH_SIZE);
    d.update(faces);
  }

  /** A row whose label for {@code task} is unknown. */
  public void labelMissing(String task) {
    Counter c = Metrics.counter(NAMESPACE, labelMissingCounter(task));
    c.inc();
  }

  /** A label value that exists but is not one of the model's labels. */
  public void labelUnparsable() {
    Metrics.counter(NAMESPACE, LABEL_UNPARSABLE).inc();
  }
}
