package dev.dmtl.resultsdb;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code --sink} value: a JDBC URL of a database dmtl writes results to.
 *
 * <p>Only PostgreSQL ({@code jdbc:postgresql://HOST:PORT/DB}) is written today. A URL that carries
 * a password ({@code password=} parameter or {@code user:password@}) is refused: it would end up in
 * the run's provenance, the manifest and the shell history; the password comes from {@code
 * PGPASSWORD}, {@code ~/.pgpass} or {@code --sink-password-file} instead ({@link SinkCredentials}).
 *
 * @param kind the database kind
 * @param jdbcUrl the URL as given: safe to record, it holds no password
 */
public record SinkUrl(Kind kind, String jdbcUrl) implements Serializable {

  /** A database kind dmtl writes. */
  public enum Kind {
    POSTGRESQL
  }

  private static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";

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
    int colon = value.indexOf(':', lower.startsWith("jdbc:") ? 5 : 0);
    String kind = colon < 0 ? value : value.substring(0, colon);
    throw new SinkException(
        "--sink: unsupported database URL kind '"
            + kind
            + "': dmtl writes to PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE)");
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
