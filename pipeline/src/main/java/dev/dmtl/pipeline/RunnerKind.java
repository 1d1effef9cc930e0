package dev.dmtl.pipeline;

import java.util.Locale;

/** The Beam runner a run uses ({@code --runner}). */
public enum RunnerKind {
  /** Flink, embedded in this JVM by default, or a cluster given by {@code --flink-master}. */
  FLINK("FlinkRunner"),
  /** Beam's Direct runner: for tests and small runs; it checks coders and is slow. */
  DIRECT("DirectRunner");

  private final String beamName;

  RunnerKind(String beamName) {
    this.beamName = beamName;
  }

  /** The runner name given to Beam's {@code --runner} option (resolved by Beam's registrars). */
  public String beamName() {
    return beamName;
  }

  /** Parses {@code flink} or {@code direct}, case-insensitively. */
  public static RunnerKind parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown runner '" + value + "' (expected flink or direct)", e);
    }
  }
}
