package dev.dmtl.app;

/**
 * Something the user named cannot be used as it is: a missing or unreadable input, a file of the
 * wrong kind, an output folder that would overwrite something. One line, naming the file; the
 * command line maps it to the bad-input exit code.
 */
public final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
