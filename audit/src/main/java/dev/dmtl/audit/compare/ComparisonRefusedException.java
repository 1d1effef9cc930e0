package dev.dmtl.audit.compare;

/**
 * Two prediction sets that cannot be compared: no face in common, different task sets, different
 * ground truth, no labels. The message is one line saying why; the command line maps it to the
 * bad-input exit code.
 */
public final class ComparisonRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public ComparisonRefusedException(String message) {
    super(message);
  }
}
