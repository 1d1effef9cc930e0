package dev.dmtl.inference.image;

import dev.dmtl.contract.rows.Stage;

/**
 * One input could not be turned into an image. Expected per-input faults (not an image, corrupt
 * data, a cap exceeded) are reported this way so the pipeline can record a dead letter at {@link
 * #stage()} and go on with the other inputs.
 */
public final class ImageDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Stage stage;

  public ImageDecodeException(Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
  }

  public ImageDecodeException(Stage stage, String message) {
    this(stage, message, null);
  }

  /** The dead-letter stage: {@link Stage#DECODE} for image faults, {@link Stage#READ} for I/O. */
  public Stage stage() {
    return stage;
  }

  /**
   * The simple class name a dead letter records: the cause's when there is one (e.g. {@code
   * EOFException}), this class's for faults detected by our own checks.
   */
  public String errorClass() {
    Throwable cause = getCause();
    return cause == null ? getClass().getSimpleName() : cause.getClass().getSimpleName();
  }
}
