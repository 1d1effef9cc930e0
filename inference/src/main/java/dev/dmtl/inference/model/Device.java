package dev.dmtl.inference.model;

import java.util.Locale;

/** Where ONNX Runtime runs the model ({@code --device}). */
public enum Device {
  /** The CPU execution provider; always available. */
  CPU,
  /**
   * The CUDA execution provider: needs the {@code -Pgpu} build (onnxruntime_gpu) and CUDA 12 +
   * cuDNN 9.
   */
  GPU;

  /** Parses {@code cpu} or {@code gpu}, case-insensitively. */
  public static Device parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown device '" + value + "' (expected cpu or gpu)", e);
    }
  }
}
