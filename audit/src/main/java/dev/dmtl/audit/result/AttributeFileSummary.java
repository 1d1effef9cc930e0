package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * How the attribute file met the audited inputs. Nothing is dropped silently: an input without a
 * row is in the {@code unknown} group of every file attribute, a row without an input is counted.
 *
 * @param path the file as given
 * @param sha256 its SHA-256
 * @param key the key column: {@code path} or {@code image_sha256}
 * @param rows rows in the file
 * @param inputs audited inputs (with predictions or lost)
 * @param inputsWithoutRow audited inputs whose key is not in the file
 * @param rowsWithoutInput file rows whose key matches no audited input
 */
@JsonPropertyOrder({
  "path",
  "sha256",
  "key",
  "rows",
  "inputs",
  "inputs_without_row",
  "rows_without_input"
})
public record AttributeFileSummary(
    String path,
    String sha256,
    String key,
    long rows,
    long inputs,
    long inputsWithoutRow,
    long rowsWithoutInput) {

  public AttributeFileSummary {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(key, "key");
  }
}
