package dev.dmtl.inference.model;

/**
 * The requested {@link Device} cannot be used on this machine (e.g. {@code --device gpu} where the
 * ONNX Runtime build or the CUDA libraries are missing). DJL does not fall back to the CPU
 * silently, and neither do we: the message says what is missing, as one line for the user.
 */
public final class DeviceUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeviceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
