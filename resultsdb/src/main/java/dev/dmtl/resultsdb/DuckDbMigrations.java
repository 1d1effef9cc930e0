package dev.dmtl.resultsdb;

import dev.dmtl.contract.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The schema of a DuckDB results file, versioned as Flyway versions the PostgreSQL one: Flyway's
 * open-source modules have no DuckDB support, so the scripts under {@code db/duckdb} are applied
 * here, each once, in one transaction with its row in {@code dmtl.schema_history} (version,
 * description, script, SHA-256 of the script, when). What matters of Flyway's semantics is kept: a
 * file whose history holds a version newer than this tool knows is refused, a script that was
 * changed after it was applied is refused, and a file with tables of ours but no history (tables
 * dmtl did not create) is refused by {@link ResultsDatabase#migrate()} before this runs.
 */
final class DuckDbMigrations {

  /** The history table, in schema {@link ResultsTables#SCHEMA}. */
  static final String HISTORY = "schema_history";

  /** The scripts of this tool, by version: V{n}__{description}.sql under {@code db/duckdb}. */
  private static final NavigableMap<Integer, String> SCRIPTS =
      Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of(1, "V1__results.sql")));

  private DuckDbMigrations() {}

  /** The latest version this tool knows. */
  static int latest() {
    return SCRIPTS.lastKey();
  }

  /**
   * Applies the scripts the file lacks.
   *
   * @throws SinkException when the file's schema is newer than this tool, or an applied script
   *     differs from this tool's
   */
  static void migrate(Connection c, String where) throws SQLException, SinkException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + ResultsTables.SCHEMA);
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + ResultsTables.SCHEMA
              + "."
              + HISTORY
              + " (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, script VARCHAR NOT"
              + " NULL, checksum VARCHAR NOT NULL, installed_on TIMESTAMPTZ NOT NULL)");
    }
    Map<Integer, String> applied = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT version, checksum FROM "
                    + ResultsTables.SCHEMA
                    + "."
                    + HISTORY
                    + " ORDER BY version")) {
      while (r.next()) {
        applied.put(r.getInt(1), r.getString(2));
      }
    }
    for (Map.Entry<Integer, String> a : applied.entrySet()) {
      if (!SCRIPTS.containsKey(a.getKey())) {
        throw new SinkException(
            "the results database's schema is at version "
                + a.getKey()
                + ", newer than this dmtl knows ("
                + latest()
                + "): upgrade dmtl; nothing was written ("
                + where
                + ")");
      }
      String checksum = ContentHash.sha256Hex(script(SCRIPTS.get(a.getKey())));
      if (!checksum.equals(a.getValue())) {
        throw new SinkException(
            "the results database's schema version "
                + a.getKey()
                + " was applied from another script than this dmtl's "
                + SCRIPTS.get(a.getKey())
                + "; nothing was written ("
                + where
                + ")");
      }
    }
    for (Map.Entry<Integer, String> m : SCRIPTS.entrySet()) {
      if (!applied.containsKey(m.getKey())) {
        apply(c, m.getKey(), m.getValue());
      }
    }
  }

  /** One script and its history row, in one transaction (DuckDB's DDL is transactional). */
  private static void apply(Connection c, int version, String name) throws SQLException {
    byte[] script = script(name);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        // DuckDB runs every statement of a multi-statement string
        s.execute(new String(script, StandardCharsets.UTF_8));
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO " + ResultsTables.SCHEMA + "." + HISTORY + " VALUES (?, ?, ?, ?, ?)")) {
        s.setInt(1, version);
        s.setString(2, description(name));
        s.setString(3, name);
        s.setString(4, ContentHash.sha256Hex(script));
        s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
        s.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** "V1__results.sql" → "results". */
  private static String description(String name) {
    String base = name.substring(name.indexOf("__") + 2, name.length() - ".sql".length());
    return base.replace('_', ' ');
  }

  private static byte[] script(String name) {
    String resource = "db/duckdb/" + name;
    try (InputStream in = DuckDbMigrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " in the dmtl jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
