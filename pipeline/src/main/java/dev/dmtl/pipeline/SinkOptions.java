package dev.dmtl.pipeline;

import java.io.Serializable;

/**
 * Where else than Parquet a run's results go, and whether known images are skipped: {@code --sink},
 * {@code --sink-password-file}, {@code --skip-known}, {@code --previous}. Recorded in the run's
 * provenance as they are; none of them holds a password (the URL is refused if it does, the
 * password file is recorded by path).
 *
 * @param url a JDBC URL of the results database ({@code jdbc:postgresql://HOST:PORT/DB}), or null
 *     for Parquet only
 * @param passwordFile a file whose first line is the database password, or null (then {@code
 *     PGPASSWORD}, then {@code ~/.pgpass})
 * @param skipKnown whether inputs whose image SHA-256 already has a published row or dead letter
 *     for the same model are skipped (needs {@code url} or {@code previous})
 * @param previous earlier output folders (with a manifest) whose images count as known, or null
 */
public record SinkOptions(
    String url, String passwordFile, boolean skipKnown, java.util.List<String> previous)
    implements Serializable {

  /** Parquet only, nothing skipped. */
  public static final SinkOptions NONE = new SinkOptions(null, null, false, null);

  public SinkOptions {
    previous = previous == null || previous.isEmpty() ? null : java.util.List.copyOf(previous);
    if (passwordFile != null && url == null) {
      throw new IllegalArgumentException("--sink-password-file needs --sink");
    }
    if (skipKnown && url == null && previous == null) {
      throw new IllegalArgumentException(
          "--skip-known needs --sink (the results database) or --previous DIR (earlier Parquet"
              + " results)");
    }
    if (previous != null && !skipKnown) {
      throw new IllegalArgumentException("--previous is only read with --skip-known");
    }
  }
}
