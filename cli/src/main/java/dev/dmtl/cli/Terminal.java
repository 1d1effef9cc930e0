package dev.dmtl.cli;

/** Whether the command runs in an interactive terminal (a redrawn progress bar) or in a log. */
final class Terminal {

  private Terminal() {}

  /**
   * On Java 17 {@code System.console()} is null exactly when standard input or output is redirected
   * (CI, a pipe), which is what decides between a redrawn bar and log lines.
   */
  @SuppressWarnings("SystemConsoleNull")
  static boolean interactive() {
    return System.console() != null;
  }
}
