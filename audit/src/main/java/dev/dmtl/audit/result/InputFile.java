package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * One file the audit read.
 *
 * @param path the path as given
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param kind predictions, dead letters or attributes
 * @param rows rows read from it
 * @param runId the dmtl run that wrote it (from its Parquet footer), or null when it names none
 *     (attribute files, files of other tools)
 */
public record InputFile(String path, String sha256, Kind kind, long rows, String runId) {

  /** What a file holds. */
  public enum Kind {
    PREDICTIONS,
    DEAD_LETTERS,
    /** The attribute CSV of {@code --attributes}. */
    ATTRIBUTES;

    @JsonValue
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public InputFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(kind, "kind");
  }

  /** A file that names no run. */
  public InputFile(String path, String sha256, Kind kind, long rows) {
    this(path, sha256, kind, rows, null);
  }
}
