package dev.dmtl.resultsdb;

import java.io.Serializable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code --sink} value: a JDBC URL of a database dmtl writes results to.
 *
 * <p>PostgreSQL ({@code jdbc:postgresql://HOST:PORT/DB}) or a DuckDB file ({@code duckdb:PATH} or
 * {@code jdbc:duckdb:PATH}, the embedded default for users without a server). A PostgreSQL URL that
 * carries a password ({@code password=} parameter or {@code user:password@}) is refused: it would
 * end up in the run's provenance, the manifest and the shell history; the password comes from
 * {@code PGPASSWORD}, {@code ~/.pgpass} or {@code --sink-password-file} instead ({@link
 * SinkCredentials}). A DuckDB file has no user or password.
 *
 * @param kind the database kind
 * @param jdbcUrl the URL: safe to record, it holds no password; for DuckDB {@code
 *     jdbc:duckdb:ABSOLUTE_PATH}, so that the workers open the file the user named whatever their
 *     working folder
 */
public record SinkUrl(Kind kind, String jdbcUrl) implements Serializable {

  /** A database kind dmtl writes. */
  public enum Kind {
    POSTGRESQL,
    /** A DuckDB file: one writing process, one database instance per JVM ({@link DuckDbFile}). */
    DUCKDB
  }

  private static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";
  private static final String DUCKDB_PREFIX = "duckdb:";
  private static final String DUCKDB_JDBC_PREFIX = "jdbc:duckdb:";

  public SinkUrl {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /**
   * Parses a {@code --sink} value.
   *
   * @throws SinkException for a URL of a kind dmtl does not write, or one that carries a password
   *     (the message does not repeat the URL then)
   */
  public static SinkUrl parse(String value) throws SinkException {
    Objects.requireNonNull(value, "value");
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith(POSTGRESQL_PREFIX)) {
      String hostPart = value.substring(POSTGRESQL_PREFIX.length());
      int slash = hostPart.indexOf('/');
      String authority = slash < 0 ? hostPart : hostPart.substring(0, slash);
      if (lower.contains("password=") || authority.contains("@")) {
        throw new SinkException(
            "--sink: the URL must not carry a password (it would be recorded with the run); give it"
                + " in PGPASSWORD, ~/.pgpass or --sink-password-file");
      }
      if (slash < 0 || slash == hostPart.length() - 1 || authority.isEmpty()) {
        throw new SinkException(
            "--sink: expected jdbc:postgresql://HOST:PORT/DATABASE, got " + value);
      }
      return new SinkUrl(Kind.POSTGRESQL, value);
    }
    if (lower.startsWith(DUCKDB_PREFIX) || lower.startsWith(DUCKDB_JDBC_PREFIX)) {
      return duckDb(value.substring(value.indexOf(':', lower.startsWith("jdbc:") ? 5 : 0) + 1));
    }
    int colon = value.indexOf(':', lower.startsWith("jdbc:") ? 5 : 0);
    String kind = colon < 0 ? value : value.substring(0, colon);
    throw new SinkException(
        "--sink: unsupported database URL kind '"
            + kind
            + "': dmtl writes to PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) or a DuckDB"
            + " file (duckdb:FILE.duckdb)");
  }

  private static SinkUrl duckDb(String file) throws SinkException {
    // an in-memory database would be gone when the run ends; options after '?' would be recorded
    // with the run and could change how the file is opened behind the single-writer rule
    if (file.isBlank() || file.startsWith(":memory:") || file.contains("?")) {
      throw new SinkException(
          "--sink: expected duckdb:FILE.duckdb (a file path, no in-memory database, no options),"
              + " got duckdb:"
              + file);
    }
    Path path;
    try {
      path = Path.of(file).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new SinkException("--sink: not a file path: " + file, e);
    }
    return new SinkUrl(Kind.DUCKDB, DUCKDB_JDBC_PREFIX + path);
  }

  /**
   * The DuckDB file of a {@link Kind#DUCKDB} URL (absolute).
   *
   * @throws IllegalStateException for another kind
   */
  public Path file() {
    if (kind != Kind.DUCKDB) {
      throw new IllegalStateException("not a DuckDB URL: " + display());
    }
    return Path.of(jdbcUrl.substring(DUCKDB_JDBC_PREFIX.length()));
  }

  /**
   * The URL with its query parameters left out, for messages: a user-supplied parameter could hold
   * something private.
   */
  public String display() {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
  }

  /** The {@code user=} parameter of the URL, or null. */
  public String user() {
    int q = jdbcUrl.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String param : jdbcUrl.substring(q + 1).split("&")) {
      if (param.startsWith("user=") && param.length() > 5) {
        return java.net.URLDecoder.decode(
            param.substring(5), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return display();
  }
}
