package dev.dmtl.audit.input;

import java.io.IOException;

/**
 * Prediction files that are each readable but cannot be audited together (for example, some with
 * saliency maps and some without). Bad input, not a bad option: the message is one line saying how
 * the files differ and what to audit instead.
 */
public final class IncompatibleInputsException extends IOException {
  private static final long serialVersionUID = 1L;

  public IncompatibleInputsException(String message) {
    super(message);
  }
}
