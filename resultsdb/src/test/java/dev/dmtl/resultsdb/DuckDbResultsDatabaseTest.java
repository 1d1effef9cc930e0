package dev.dmtl.resultsdb;

import static dev.dmtl.resultsdb.ResultsDatabaseTest.MODEL_SHA;
import static dev.dmtl.resultsdb.ResultsDatabaseTest.count;
import static dev.dmtl.resultsdb.ResultsDatabaseTest.insertFace;
import static dev.dmtl.resultsdb.ResultsDatabaseTest.manifest;
import static dev.dmtl.resultsdb.ResultsDatabaseTest.provenance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.resultsdb.testing.DuckDbHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's side of the results database in a DuckDB file (the embedded default): the cases of
 * {@link ResultsDatabaseTest} on the second migration path, and the single-writer rule against a
 * real second process.
 */
class DuckDbResultsDatabaseTest {

  @TempDir Path dir;

  private ResultsDatabase open(Path file) throws SinkException {
    return ResultsDatabase.connect(
        SinkUrl.parse("duckdb:" + file), SinkCredentials.NONE, /* readOnly= */ false);
  }

  @Test
  void migratesOnceAndAgainWithoutChangeAndUnlocksTheFileOnClose() throws Exception {
    Path file = dir.resolve("results.duckdb");
    try (ResultsDatabase db = open(file)) {
      db.migrate();
      db.migrate();
    }
    try (ResultsDatabase db = open(file)) {
      db.migrate();
      assertEquals(1, count(db, "SELECT count(*) FROM dmtl.schema_history WHERE version = 1"));
      assertEquals(
          Set.of("runs", "faces", "predictions", "dead_letters", "dead_letter_labels"),
          Set.copyOf(ResultsTables.columns().keySet()));
    }
    // another process can open the file now: closed means unlocked
    try (DuckDbHolder other = DuckDbHolder.start(file)) {
      assertTrue(other.holds(), other.said());
    }
  }

  @Test
  void publishesOnlyWhenTheRowsMatchTheCounts() throws Exception {
    try (ResultsDatabase db = open(dir.resolve("p.duckdb"))) {
      db.migrate();
      db.startRun(provenance("r1"));
      insertFace(db, "r1", "/a.jpg", "1".repeat(64));
      IOException e =
          assertThrows(IOException.class, () -> db.preparePublication(manifest("r1", 2, 0)));
      assertTrue(e.getMessage().contains("1 face rows"), e.getMessage());
      assertEquals(ResultsDatabase.RUNNING, db.status("r1"));
      assertEquals(Set.of(), db.knownImages(MODEL_SHA), "a running run's images are not known");

      try (ResultsDatabase.Publication p = db.preparePublication(manifest("r1", 1, 0))) {
        p.commit();
      }
      assertEquals(ResultsDatabase.PUBLISHED, db.status("r1"));
      assertEquals(Set.of("1".repeat(64)), db.knownImages(MODEL_SHA));
      assertEquals(Set.of(), db.knownImages("b".repeat(64)), "known per model");
      try (Connection c = db.connection();
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT face_rows, json_type(manifest), typeof(started) FROM dmtl.runs")) {
        r.next();
        assertEquals(1, r.getLong(1));
        assertEquals("OBJECT", r.getString(2));
        assertEquals("TIMESTAMP WITH TIME ZONE", r.getString(3));
      }
    }
  }

  @Test
  void aFailedRunLeavesNoRowsAndNothingInTheViews() throws Exception {
    try (ResultsDatabase db = open(dir.resolve("f.duckdb"))) {
      db.migrate();
      db.startRun(provenance("r2"));
      insertFace(db, "r2", "/a.jpg", "2".repeat(64));
      try (ResultsDatabase.Publication p = db.preparePublication(manifest("r2", 1, 0))) {
        // not committed: rolled back on close, as when publishing the Parquet folder failed
      }
      assertEquals(ResultsDatabase.RUNNING, db.status("r2"));
      db.failRun("r2", "the job failed");
      assertEquals(ResultsDatabase.FAILED, db.status("r2"));
      assertEquals(0, count(db, "SELECT count(*) FROM dmtl.faces"));
      assertEquals(0, count(db, "SELECT count(*) FROM dmtl.latest_predictions"));
    }
  }

  @Test
  void refusesASchemaNewerThanTheToolAndAChangedScript() throws Exception {
    Path file = dir.resolve("n.duckdb");
    try (ResultsDatabase db = open(file)) {
      db.migrate();
      execute(
          db,
          "INSERT INTO dmtl.schema_history VALUES (99, 'from the future', 'V99__future.sql', 'x',"
              + " now())");
      SinkException e = assertThrows(SinkException.class, db::migrate);
      assertTrue(e.getMessage().contains("newer than this dmtl knows (1)"), e.getMessage());
      execute(db, "DELETE FROM dmtl.schema_history WHERE version = 99");
      execute(db, "UPDATE dmtl.schema_history SET checksum = 'edited' WHERE version = 1");
      SinkException changed = assertThrows(SinkException.class, db::migrate);
      assertTrue(changed.getMessage().contains("another script"), changed.getMessage());
    }
  }

  @Test
  void refusesATableOfOursWithOtherColumns() throws Exception {
    try (ResultsDatabase db = open(dir.resolve("t.duckdb"))) {
      execute(db, "CREATE SCHEMA dmtl");
      execute(db, "CREATE TABLE dmtl.faces (id int, something text)");
      SinkException e = assertThrows(SinkException.class, db::migrate);
      assertTrue(e.getMessage().contains("dmtl.faces"), e.getMessage());
      assertTrue(e.getMessage().contains("id, something"), e.getMessage());
    }
  }

  @Test
  void filesThatCannotBeResultsAreOneLineEach() throws Exception {
    SinkException folder =
        assertThrows(SinkException.class, () -> open(dir.resolve("missing/r.duckdb")));
    assertEquals(
        "the DuckDB file's folder "
            + dir.resolve("missing")
            + " does not exist (--sink duckdb:"
            + dir.resolve("missing/r.duckdb")
            + ")",
        folder.getMessage());
    Path text = Files.writeString(dir.resolve("notes.duckdb"), "not a database\n");
    SinkException notDuckDb = assertThrows(SinkException.class, () -> open(text));
    assertEquals(
        text + " is not a DuckDB database file; name a new file or a dmtl DuckDB file",
        notDuckDb.getMessage());
    assertEquals("not a database\n", Files.readString(text), "the file is left as it was");
    SinkException aFolder = assertThrows(SinkException.class, () -> open(dir));
    assertTrue(aFolder.getMessage().contains("is a folder"), aFolder.getMessage());
    SinkException absent =
        assertThrows(
            SinkException.class,
            () ->
                ResultsDatabase.connect(
                    SinkUrl.parse("duckdb:" + dir.resolve("absent.duckdb")),
                    SinkCredentials.NONE,
                    /* readOnly= */ true));
    assertEquals("no DuckDB file " + dir.resolve("absent.duckdb"), absent.getMessage());
    assertFalse(Files.exists(dir.resolve("absent.duckdb")), "reading creates nothing");
  }

  @Test
  void anotherProcessHoldingTheFileIsOneLineNamingIt() throws Exception {
    Path file = dir.resolve("held.duckdb");
    try (ResultsDatabase db = open(file)) {
      db.migrate();
      // a worker's connection that its runner never closes: closing the database closes it
      DataSource workers = DuckDbFile.dataSource(file);
      Connection worker = workers.getConnection();
      assertFalse(worker.isClosed());
    }
    assertThrows(SQLException.class, () -> DuckDbFile.dataSource(file).getConnection());
    try (DuckDbHolder other = DuckDbHolder.start(file)) {
      assertTrue(other.holds(), "the file was unlocked: " + other.said());
      SinkException e = assertThrows(SinkException.class, () -> open(file));
      assertTrue(
          e.getMessage().startsWith("the DuckDB file " + file + " is open in another process"),
          e.getMessage());
      assertTrue(e.getMessage().contains("DuckDB allows one process per file"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
    try (ResultsDatabase db = open(file)) {
      db.migrate();
    }
  }

  @Test
  void duckDbUrlsAreFilesWithoutPasswords() throws Exception {
    SinkUrl url = SinkUrl.parse("duckdb:results.duckdb");
    assertEquals(SinkUrl.Kind.DUCKDB, url.kind());
    assertEquals(Path.of("results.duckdb").toAbsolutePath(), url.file());
    assertEquals("jdbc:duckdb:" + url.file(), url.jdbcUrl());
    assertEquals(url, SinkUrl.parse("jdbc:duckdb:results.duckdb"));
    assertThrows(SinkException.class, () -> SinkUrl.parse("duckdb:"));
    assertThrows(SinkException.class, () -> SinkUrl.parse("duckdb::memory:"));
    assertThrows(SinkException.class, () -> SinkUrl.parse("jdbc:duckdb:r.duckdb?threads=1"));
    Path passwordFile = Files.writeString(dir.resolve("pw"), "secret\n");
    SinkException pw =
        assertThrows(
            SinkException.class,
            () -> SinkCredentials.resolve(url, passwordFile, java.util.Map.of()));
    assertTrue(pw.getMessage().contains("a DuckDB file has no password"), pw.getMessage());
  }

  private static void execute(ResultsDatabase db, String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
