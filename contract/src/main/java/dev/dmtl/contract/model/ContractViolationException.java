package dev.dmtl.contract.model;

import java.nio.file.Path;

/**
 * A model file does not meet the DMTL contract. The message names the file and the first violation,
 * so it can be shown to a user as one line.
 */
public final class ContractViolationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;

  public ContractViolationException(String source, String violation) {
    super(source + ": " + violation);
    this.source = source;
  }

  public ContractViolationException(String source, String violation, Throwable cause) {
    super(source + ": " + violation, cause);
    this.source = source;
  }

  public ContractViolationException(Path source, String violation) {
    this(source.toString(), violation);
  }

  /** The model file (or resource) that violated the contract. */
  public String source() {
    return source;
  }
}
