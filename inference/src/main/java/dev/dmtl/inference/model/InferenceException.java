package dev.dmtl.inference.model;

/** ONNX Runtime failed on a batch of faces; the pipeline records an {@code INFER} dead letter. */
public final class InferenceException extends Exception {
  private static final long serialVersionUID = 1L;

  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
