package dev.dmtl.reports;

/**
 * Something the user named cannot make a report: an audit file that is not an audit, prediction
 * files that are not those the audit read, a missing file for examples. The message says what to
 * change; the command line maps it to its "bad input" exit code.
 */
public final class ReportInputException extends Exception {

  private static final long serialVersionUID = 1L;

  public ReportInputException(String message) {
    super(message);
  }

  public ReportInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
