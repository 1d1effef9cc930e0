package dev.dmtl.tools;

/**
 * Something the user named is missing or unusable, e.g. a data folder of {@code ../shared} that a
 * fresh clone does not have. Reported as one line with exit code {@link ExitCodes#BAD_INPUT}.
 */
public final class ToolInputException extends Exception {

  private static final long serialVersionUID = 1L;

  public ToolInputException(String message) {
    super(message);
  }
}
