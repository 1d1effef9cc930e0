package dev.dmtl.resultsdb;

/**
 * The results database named by {@code --sink} cannot be used: unreachable, refused the
 * credentials, holds a schema newer than this tool, has a table of ours with other columns, or the
 * URL is of a kind dmtl does not write. The message is one line for the user and never contains the
 * password (see {@link SinkCredentials#redact}); the CLI maps it to the bad-input exit code.
 */
public final class SinkException extends Exception {
  private static final long serialVersionUID = 1L;

  public SinkException(String message) {
    super(message);
  }

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
