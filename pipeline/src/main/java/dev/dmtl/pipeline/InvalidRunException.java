package dev.dmtl.pipeline;

/**
 * A run cannot start because something the user named is unusable: an input that does not exist, an
 * output folder that already holds a result, a label file that does not parse, no bundled model.
 * The message is one line for the user; the CLI maps this to its "bad input" exit code.
 */
public final class InvalidRunException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidRunException(String message) {
    super(message);
  }

  public InvalidRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
