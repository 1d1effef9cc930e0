package dev.dmtl.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live progress of a run, for the CLI's progress line. Workers in the same JVM (the embedded Flink
 * and Direct runners) update it; Beam metrics are only available once a Flink job has finished. On
 * a remote Flink cluster nothing arrives here and the CLI shows no live counts.
 */
public final class RunProgress {

  private static final Map<String, RunProgress> RUNS = new ConcurrentHashMap<>();

  private final AtomicLong inputsSeen = new AtomicLong();
  private final AtomicLong imagesDone = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong skippedKnown = new AtomicLong();

  private RunProgress() {}

  /** The progress of run {@code runId}, created on first use. */
  public static RunProgress of(String runId) {
    return RUNS.computeIfAbsent(runId, id -> new RunProgress());
  }

  /** Forgets a finished run. */
  public static void forget(String runId) {
    RUNS.remove(runId);
  }

  /** Inputs listed so far (files and archive entries). */
  public long inputsSeen() {
    return inputsSeen.get();
  }

  /** Inputs fully processed: predicted or dead-lettered after reading. */
  public long imagesDone() {
    return imagesDone.get();
  }

  /** Dead letters so far, at any stage. */
  public long deadLetters() {
    return deadLetters.get();
  }

  /** Inputs skipped so far by {@code --skip-known}: hashed, neither decoded nor inferred. */
  public long skippedKnown() {
    return skippedKnown.get();
  }

  void addSkippedKnown(long n) {
    skippedKnown.addAndGet(n);
  }

  void addInputsSeen(long n) {
    inputsSeen.addAndGet(n);
  }

  void addImagesDone(long n) {
    imagesDone.addAndGet(n);
  }

  void addDeadLetters(long n) {
    deadLetters.addAndGet(n);
  }
}
