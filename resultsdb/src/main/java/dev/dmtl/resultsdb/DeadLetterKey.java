package dev.dmtl.resultsdb;

import dev.dmtl.contract.ContentHash;
import java.nio.charset.StandardCharsets;

/**
 * The key of a dead-letter row: a dead letter has no natural small key (an input may in principle
 * fail twice in different ways, and messages are long), so the row is keyed by the SHA-256 of its
 * input address, stage, error class and message, separated by NUL.
 */
public final class DeadLetterKey {
  private DeadLetterKey() {}

  /** Lower-case hex key of a dead letter. */
  public static String of(String input, String stage, String errorClass, String message) {
    String joined = input + '\0' + stage + '\0' + errorClass + '\0' + message;
    return ContentHash.sha256Hex(joined.getBytes(StandardCharsets.UTF_8));
  }
}
