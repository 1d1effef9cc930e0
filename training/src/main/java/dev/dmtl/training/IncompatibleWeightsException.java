package dev.dmtl.training;

import java.io.IOException;

/**
 * A checkpoint or model the user named cannot start or resume this run: it is not one, or it holds
 * weights of another network shape. A user error (the CLI exits with "bad input"), not a failure.
 */
public final class IncompatibleWeightsException extends IOException {

  public IncompatibleWeightsException(String message) {
    super(message);
  }

  public IncompatibleWeightsException(String message, Throwable cause) {
    super(message, cause);
  }
}
