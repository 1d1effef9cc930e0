package dev.dmtl.contract.rows;

import java.util.Objects;

/**
 * An input that produced no prediction row, and why.
 *
 * @param source the file as given or found (a path or URI)
 * @param entry the archive entry name, or null when the source is not an archive
 * @param relativePath the key labels and audit attributes are joined by (see {@link
 *     PredictionColumns#RELATIVE_PATH}), or null when it is not known
 * @param imageSha256 lower-case hex SHA-256 of the input's bytes when they were read, else null
 * @param stage where it stopped
 * @param errorClass the simple class name of the cause, e.g. {@code EOFException}
 * @param message one line a user can act on
 */
public record DeadLetter(
    String source,
    String entry,
    String relativePath,
    String imageSha256,
    Stage stage,
    String errorClass,
    String message) {
  public DeadLetter {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(errorClass, "errorClass");
    Objects.requireNonNull(message, "message");
  }

  /** {@code source} or {@code source!/entry}: how inputs are addressed everywhere. */
  public String address() {
    return entry == null ? source : source + "!/" + entry;
  }
}
