package dev.dmtl.resultsdb;

import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.contract.run.RunProvenance;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The driver's side of the results database: connects, migrates the schema, opens a run's {@code
 * runs} row, publishes or fails it, and answers which images a model already knows. The rows
 * themselves are written by the workers (Beam's JdbcIO, with {@link ResultsTables}' statements).
 *
 * <p>Two kinds, one code path: a PostgreSQL server (schema migrated by Flyway) or a DuckDB file
 * (schema migrated by {@link DuckDbMigrations}, the file held open by this JVM's one instance,
 * {@link DuckDbFile}, until {@link #close()}). The few SQL differences are {@link #json} and {@link
 * #lockRow}.
 *
 * <p>Every problem that is the user's (unreachable, refused credentials, a newer schema, a table of
 * ours with other columns, a DuckDB file another process holds) is a {@link SinkException} with one
 * line that holds no password.
 */
public final class ResultsDatabase implements AutoCloseable {

  /** {@code runs.status} of a run whose workers may still be writing (or whose process died). */
  public static final String RUNNING = "running";

  /** {@code runs.status} of a run whose rows are complete and shown by the views. */
  public static final String PUBLISHED = "published";

  /** {@code runs.status} of a run that failed; its rows are deleted. */
  public static final String FAILED = "failed";

  private static final String FLYWAY_HISTORY = "flyway_schema_history";

  private final SinkUrl url;
  private final SinkCredentials credentials;

  /** The DuckDB file this object holds open, or null for PostgreSQL. */
  private final DuckDbFile duckDb;

  private ResultsDatabase(SinkUrl url, SinkCredentials credentials, DuckDbFile duckDb) {
    this.url = Objects.requireNonNull(url, "url");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.duckDb = duckDb;
  }

  /**
   * Connects once to check that the server answers and takes the credentials (PostgreSQL), or opens
   * the file for writing (DuckDB, until {@link #close()}).
   *
   * @throws SinkException when it does not
   */
  public static ResultsDatabase connect(SinkUrl url, SinkCredentials credentials)
      throws SinkException {
    return connect(url, credentials, false);
  }

  /**
   * As {@link #connect(SinkUrl, SinkCredentials)}; {@code readOnly} opens a DuckDB file for reading
   * only (an audit: the file must exist and is not changed). A PostgreSQL reader's transactions are
   * made read-only by the reader.
   */
  public static ResultsDatabase connect(SinkUrl url, SinkCredentials credentials, boolean readOnly)
      throws SinkException {
    DuckDbFile file =
        url.kind() == SinkUrl.Kind.DUCKDB ? DuckDbFile.acquire(url.file(), readOnly) : null;
    ResultsDatabase db = new ResultsDatabase(url, credentials, file);
    try (Connection c = db.connection()) {
      c.isValid(5);
    } catch (SQLException e) {
      SinkException failure = db.problem("cannot connect to the results database", e);
      db.closeAfter(failure);
      throw failure;
    }
    return db;
  }

  /**
   * Lets go of a DuckDB file (unlocking it when nothing else in this JVM holds it); else nothing.
   */
  @Override
  public void close() throws SinkException {
    if (duckDb != null) {
      duckDb.close();
    }
  }

  /** {@link #close()} after {@code failure}, which gets a failure to close. */
  public void closeAfter(Throwable failure) {
    try {
      close();
    } catch (SinkException e) {
      failure.addSuppressed(e);
    }
  }

  public SinkUrl url() {
    return url;
  }

  /** A new connection (auto-commit on). */
  public Connection connection() throws SQLException {
    return duckDb != null ? duckDb.connection() : open(url, credentials);
  }

  /**
   * A new connection to the PostgreSQL server at {@code url} as {@code credentials}, failing after
   * 10 s of silence.
   */
  public static Connection open(SinkUrl url, SinkCredentials credentials) throws SQLException {
    Properties p = credentials.properties();
    p.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(url.jdbcUrl(), p);
  }

  /**
   * Brings the schema to this tool's version (Flyway for PostgreSQL, {@link DuckDbMigrations} for
   * DuckDB), after checking that the database holds no newer schema and no table of ours that dmtl
   * did not create; then checks every table's columns.
   *
   * @throws SinkException when the schema cannot be used (the message says why)
   */
  public void migrate() throws SinkException {
    String history = duckDb != null ? DuckDbMigrations.HISTORY : FLYWAY_HISTORY;
    try (Connection c = connection()) {
      Map<String, List<String>> existing = existingColumns(c);
      if (!existing.isEmpty() && !tableExists(c, history)) {
        String table = existing.keySet().iterator().next();
        throw new SinkException(
            "the results database has a table "
                + ResultsTables.SCHEMA
                + "."
                + table
                + " that dmtl did not create (columns "
                + String.join(", ", existing.get(table))
                + "); use another database or drop schema "
                + ResultsTables.SCHEMA);
      }
    } catch (SQLException e) {
      throw problem("cannot read the results database's schema", e);
    }
    if (duckDb != null) {
      try (Connection c = connection()) {
        DuckDbMigrations.migrate(c, url.display());
      } catch (SQLException e) {
        throw problem("cannot migrate the results database", e);
      }
    } else {
      migrateWithFlyway();
    }
    checkColumns();
  }

  private void migrateWithFlyway() throws SinkException {
    Flyway flyway =
        Flyway.configure(ResultsDatabase.class.getClassLoader())
            .dataSource(url.jdbcUrl(), credentials.user(), credentials.password())
            .schemas(ResultsTables.SCHEMA)
            .createSchemas(true)
            .locations("classpath:db/migration")
            .load();
    try {
      for (MigrationInfo m : flyway.info().all()) {
        if (m.getState().name().startsWith("FUTURE")) {
          throw new SinkException(
              "the results database's schema is at version "
                  + m.getVersion()
                  + ", newer than this dmtl knows ("
                  + latestVersion(flyway)
                  + "): upgrade dmtl; nothing was written");
        }
      }
      flyway.migrate();
    } catch (FlywayException e) {
      throw new SinkException(
          "cannot migrate the results database at "
              + url.display()
              + ": "
              + credentials.redact(firstLine(e.getMessage())),
          e);
    }
  }

  private void checkColumns() throws SinkException {
    try (Connection c = connection()) {
      Map<String, List<String>> existing = existingColumns(c);
      for (Map.Entry<String, List<String>> t : ResultsTables.columns().entrySet()) {
        List<String> found = existing.get(t.getKey());
        if (!t.getValue().equals(found)) {
          throw new SinkException(
              "table "
                  + ResultsTables.SCHEMA
                  + "."
                  + t.getKey()
                  + " of the results database has columns ("
                  + (found == null ? "none" : String.join(", ", found))
                  + "), this dmtl expects ("
                  + String.join(", ", t.getValue())
                  + "); nothing was written");
        }
      }
    } catch (SQLException e) {
      throw problem("cannot read the results database's schema", e);
    }
  }

  private static String latestVersion(Flyway flyway) {
    String latest = "none";
    for (MigrationInfo m : flyway.info().all()) {
      if (!m.getState().name().startsWith("FUTURE") && m.getVersion() != null) {
        latest = m.getVersion().getVersion();
      }
    }
    return latest;
  }

  /** Our tables that exist, with their columns in order. */
  private static Map<String, List<String>> existingColumns(Connection c) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = ? ORDER BY table_name, ordinal_position")) {
      s.setString(1, ResultsTables.SCHEMA);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String table = r.getString(1);
          if (ResultsTables.columns().containsKey(table)) {
            out.computeIfAbsent(table, k -> new ArrayList<>()).add(r.getString(2));
          }
        }
      }
    }
    return out;
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      s.setString(1, ResultsTables.SCHEMA);
      s.setString(2, table);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /**
   * Inserts the run's row with status {@value #RUNNING}, before any worker writes.
   *
   * @throws SinkException when the row cannot be written (a run id used before, a lost server)
   */
  public void startRun(RunProvenance provenance) throws SinkException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO "
                    + ResultsTables.SCHEMA
                    + ".runs (run_id, status, model_sha256, model_source, tool_version, started,"
                    + " provenance) VALUES (?, ?, ?, ?, ?, ?, "
                    + json()
                    + ")")) {
      s.setString(1, provenance.runId());
      s.setString(2, RUNNING);
      s.setString(3, provenance.model().sha256());
      s.setString(4, provenance.model().source());
      s.setString(5, provenance.toolVersion());
      s.setObject(6, utc(provenance.created()));
      s.setString(7, provenance.toFooter());
      s.executeUpdate();
    } catch (SQLException e) {
      throw problem("cannot record the run in the results database", e);
    }
  }

  /**
   * Opens the publishing transaction of a run: locks its row, checks that the workers' rows are
   * exactly those the run counted, and sets it {@value #PUBLISHED} with its counts and manifest.
   * Nothing is visible until {@link Publication#commit()}: the caller publishes the Parquet folder
   * in between, so that both outputs are published or neither (save a failure between the two
   * commits, docs/DATABASE.md).
   *
   * @throws IOException when the rows do not match the counts, or the database fails (the
   *     transaction is rolled back; nothing is published)
   */
  public Publication preparePublication(RunManifest manifest) throws IOException {
    String runId = manifest.runId();
    Connection c = null;
    try {
      c = connection();
      c.setAutoCommit(false);
      String status =
          scalarString(c, "SELECT status FROM dmtl.runs WHERE run_id = ?" + lockRow(), runId);
      if (!RUNNING.equals(status)) {
        throw new IOException(
            "run " + runId + " is '" + status + "' in the results database, not running");
      }
      long faces = count(c, "SELECT count(*) FROM dmtl.faces WHERE run_id = ?", runId);
      long deadLetters = count(c, "SELECT count(*) FROM dmtl.dead_letters WHERE run_id = ?", runId);
      RunManifest.Counts counts = manifest.counts();
      if (faces != counts.rows() || deadLetters != counts.deadLetters()) {
        throw new IOException(
            "the results database holds "
                + faces
                + " face rows and "
                + deadLetters
                + " dead letters of run "
                + runId
                + ", the run counted "
                + counts.rows()
                + " and "
                + counts.deadLetters()
                + "; nothing was published");
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE dmtl.runs SET status = ?, finished = ?, inputs_seen = ?, inputs_with_rows = ?,"
                  + " face_rows = ?, dead_letter_rows = ?, skipped_known = ?, manifest = "
                  + json()
                  + " WHERE run_id = ?")) {
        s.setString(1, PUBLISHED);
        s.setObject(2, utc(manifest.finished()));
        s.setLong(3, counts.inputsSeen());
        s.setLong(4, counts.inputsWithRows());
        s.setLong(5, counts.rows());
        s.setLong(6, counts.deadLetters());
        s.setLong(7, counts.skippedKnown());
        s.setString(8, DmtlJson.compact(manifest));
        s.setString(9, runId);
        s.executeUpdate();
      }
      return new Publication(c);
    } catch (SQLException e) {
      IOException failure =
          new IOException(
              "cannot publish run " + runId + " in the results database: " + redactedLine(e), e);
      abandon(c, failure);
      throw failure;
    } catch (IOException e) {
      abandon(c, e);
      throw e;
    }
  }

  /** A publishing transaction, open until {@link #commit()} or {@link #close()} (rollback). */
  public static final class Publication implements AutoCloseable {
    private Connection connection;

    private Publication(Connection connection) {
      this.connection = connection;
    }

    /** Makes the run published. */
    public void commit() throws IOException {
      try {
        connection.commit();
        connection.close();
        connection = null;
      } catch (SQLException e) {
        throw new IOException("cannot commit the run in the results database", e);
      }
    }

    /**
     * Rolls back after {@code cause} (publishing the Parquet folder failed), unless committed; a
     * failure to roll back is attached to {@code cause} (the server rolls back when the connection
     * closes in any case).
     */
    public void abandon(Throwable cause) {
      if (connection != null) {
        ResultsDatabase.abandon(connection, cause);
        connection = null;
      }
    }

    /** Rolls back unless committed. */
    @Override
    public void close() throws IOException {
      if (connection != null) {
        try (Connection c = connection) {
          connection = null;
          c.rollback();
        } catch (SQLException e) {
          throw new IOException("cannot roll back the publication", e);
        }
      }
    }
  }

  /**
   * Marks a run {@value #FAILED} with the reason and deletes the rows its workers wrote, in one
   * transaction.
   *
   * @throws IOException when the database cannot be reached; the run then stays {@value #RUNNING},
   *     which the views treat as unpublished as well
   */
  public void failRun(String runId, String reason) throws IOException {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        for (String table :
            List.of(
                ResultsTables.PREDICTIONS,
                ResultsTables.FACES,
                ResultsTables.DEAD_LETTER_LABELS,
                ResultsTables.DEAD_LETTERS)) {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM dmtl." + table + " WHERE run_id = ?")) {
            s.setString(1, runId);
            s.executeUpdate();
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE dmtl.runs SET status = ?, finished = ?, failure = ? WHERE run_id = ?")) {
          s.setString(1, FAILED);
          s.setObject(2, utc(Instant.now()));
          s.setString(3, credentials.redact(reason));
          s.setString(4, runId);
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
      }
    } catch (SQLException e) {
      throw new IOException(
          "cannot mark run " + runId + " failed in the results database: " + redactedLine(e), e);
    }
  }

  /**
   * The image SHA-256s that already have a published face row or dead letter for {@code
   * modelSha256}: what {@code --skip-known} skips.
   */
  public Set<String> knownImages(String modelSha256) throws SinkException {
    Set<String> known = new HashSet<>();
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT f.image_sha256 FROM dmtl.faces f JOIN dmtl.runs r ON r.run_id = f.run_id"
                    + " WHERE r.status = 'published' AND r.model_sha256 = ?"
                    + " UNION SELECT d.image_sha256 FROM dmtl.dead_letters d"
                    + " JOIN dmtl.runs r ON r.run_id = d.run_id"
                    + " WHERE r.status = 'published' AND r.model_sha256 = ?"
                    + " AND d.image_sha256 IS NOT NULL")) {
      s.setString(1, modelSha256);
      s.setString(2, modelSha256);
      s.setFetchSize(10_000);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          known.add(r.getString(1));
        }
      }
    } catch (SQLException e) {
      throw problem("cannot read the known images from the results database", e);
    }
    return known;
  }

  /** The run's status, or null when there is no such run. */
  public String status(String runId) throws SQLException {
    try (Connection c = connection()) {
      return scalarString(c, "SELECT status FROM dmtl.runs WHERE run_id = ?", runId);
    }
  }

  /** A JSON parameter: PostgreSQL's column is jsonb, DuckDB's JSON. */
  private String json() {
    return duckDb != null ? "?::JSON" : "?::jsonb";
  }

  /**
   * Locks the selected row until the transaction ends, in PostgreSQL; DuckDB has no row locks (its
   * optimistic concurrency fails the second of two writers of one row, and one process writes).
   */
  private String lockRow() {
    return duckDb != null ? "" : " FOR UPDATE";
  }

  /** A timestamptz parameter: the instant in UTC, whatever the JVM's or session's time zone. */
  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String scalarString(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static long count(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Rolls back and closes {@code c} (if open) after {@code cause}, which gets any failure. */
  private static void abandon(Connection c, Throwable cause) {
    if (c == null) {
      return;
    }
    try (c) {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private SinkException problem(String what, SQLException e) {
    return new SinkException(what + " at " + url.display() + ": " + redactedLine(e), e);
  }

  private String redactedLine(SQLException e) {
    return credentials.redact(firstLine(e.getMessage()));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String s = message.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
