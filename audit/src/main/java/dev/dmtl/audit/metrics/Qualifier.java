package dev.dmtl.audit.metrics;

/** What a metric is computed for within a task. */
public enum Qualifier {
  /** One value per task. */
  NONE,
  /** One value per class label (nominal) or age bin (ordinal, label-free share). */
  CLASS,
  /** One value per error tolerance k = 0..{@value TaskContext#CS_MAX_K} years (CS curve). */
  K
}
