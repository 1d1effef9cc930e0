package dev.dmtl.inference.face;

import dev.dmtl.contract.rows.Stage;

/** A face could not be found or aligned in one image; carries the dead-letter stage. */
public final class FaceExtractionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Stage stage;

  public FaceExtractionException(Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
  }

  public FaceExtractionException(Stage stage, String message) {
    this(stage, message, null);
  }

  public Stage stage() {
    return stage;
  }
}
