package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a task's values are read out of its slice of a graph output: the {@code kind} of a {@code
 * dmtl.tasks} entry. Each readout yields one of the two {@link TaskKind}s the rest of the project
 * works with, so prediction files, the audit and reports handle any model the same way: an age read
 * as a regression, a distribution or thresholds is an ordinal (age-like) value; classes, binned age
 * included, are nominal.
 */
public enum Readout {
  /** K−1 threshold logits "rank &gt; r_k" (paper Eq. 5–7). Contract version 1. */
  ORDINAL(TaskKind.ORDINAL),
  /** C class scores decoded by softmax and argmax (paper Eq. 3–4). Contract version 1. */
  NOMINAL(TaskKind.NOMINAL),
  /** One scalar {@code value × scale + offset}, e.g. InsightFace's age / 100. */
  REGRESSION(TaskKind.ORDINAL),
  /** A softmax over K ranks (DeepFace's 101 ages): expected value and argmax, both kept. */
  DISTRIBUTION(TaskKind.ORDINAL),
  /** Classes that are age ranges (FairFace's 9 bins): nominal over the bins. */
  BINNED(TaskKind.NOMINAL);

  private final TaskKind kind;

  Readout(TaskKind kind) {
    this.kind = kind;
  }

  /** The kind of value this readout yields: ordinal (an age-like number) or nominal (a label). */
  public TaskKind kind() {
    return kind;
  }

  /** Whether a version 1 reader knows this readout. */
  public boolean isVersion1() {
    return this == ORDINAL || this == NOMINAL;
  }

  /** The readout a version 1 task of this kind has. */
  public static Readout of(TaskKind kind) {
    return kind == TaskKind.ORDINAL ? ORDINAL : NOMINAL;
  }

  /** The spelling used in {@code dmtl.tasks} metadata. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the metadata spelling, case-insensitively. */
  @JsonCreator
  public static Readout fromJson(String value) {
    for (Readout r : values()) {
      if (r.jsonName().equalsIgnoreCase(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown task kind '"
            + value
            + "' (expected ordinal, nominal, regression, distribution or binned)");
  }
}
