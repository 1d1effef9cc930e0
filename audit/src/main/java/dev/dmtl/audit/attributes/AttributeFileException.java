package dev.dmtl.audit.attributes;

import java.io.IOException;

/**
 * An attribute file that cannot be used: malformed, ambiguous, or useless for the audit. The
 * message is one line that names the file and, where there is one, the line.
 */
public final class AttributeFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public AttributeFileException(String message) {
    super(message);
  }

  public AttributeFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
