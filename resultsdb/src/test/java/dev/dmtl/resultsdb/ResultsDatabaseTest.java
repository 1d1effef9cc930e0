package dev.dmtl.resultsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.resultsdb.testing.PostgresServer;
import dev.dmtl.testdata.TinyModels;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The driver's side of the results database, against a real PostgreSQL server. */
class ResultsDatabaseTest {

  static final String MODEL_SHA = "a".repeat(64);

  @Test
  void migratesOnceAndAgainWithoutChange() throws Exception {
    PostgresServer pg = PostgresServer.get();
    SinkUrl url = pg.createDatabase();
    ResultsDatabase db = ResultsDatabase.connect(url, pg.credentials());
    db.migrate();
    db.migrate();
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM dmtl.flyway_schema_history WHERE success AND version IS NOT NULL")) {
      r.next();
      assertEquals(1, r.getInt(1), "one migration applied, once");
    }
  }

  @Test
  void publishesOnlyWhenTheRowsMatchTheCounts() throws Exception {
    PostgresServer pg = PostgresServer.get();
    ResultsDatabase db = ResultsDatabase.connect(pg.createDatabase(), pg.credentials());
    db.migrate();
    db.startRun(provenance("r1"));
    insertFace(db, "r1", "/a.jpg", "1".repeat(64));
    // the run counted two rows, the database holds one: refused, still running
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
  }

  @Test
  void aFailedRunLeavesNoRowsAndNothingInTheViews() throws Exception {
    PostgresServer pg = PostgresServer.get();
    ResultsDatabase db = ResultsDatabase.connect(pg.createDatabase(), pg.credentials());
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

  @Test
  void refusesASchemaNewerThanTheTool() throws Exception {
    PostgresServer pg = PostgresServer.get();
    ResultsDatabase db = ResultsDatabase.connect(pg.createDatabase(), pg.credentials());
    db.migrate();
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO dmtl.flyway_schema_history (installed_rank, version, description, type,"
              + " script, checksum, installed_by, execution_time, success) VALUES"
              + " (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'x', 1, true)");
    }
    SinkException e = assertThrows(SinkException.class, db::migrate);
    assertTrue(e.getMessage().contains("newer than this dmtl"), e.getMessage());
  }

  @Test
  void refusesATableOfOursWithOtherColumns() throws Exception {
    PostgresServer pg = PostgresServer.get();
    SinkUrl url = pg.createDatabase();
    ResultsDatabase db = ResultsDatabase.connect(url, pg.credentials());
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA dmtl");
      s.execute("CREATE TABLE dmtl.faces (id int, something text)");
    }
    SinkException e = assertThrows(SinkException.class, db::migrate);
    assertTrue(e.getMessage().contains("dmtl.faces"), e.getMessage());
    assertTrue(e.getMessage().contains("id, something"), e.getMessage());
  }

  @Test
  void wrongPasswordAndUnreachableServerAreOneLineWithoutThePassword() throws Exception {
    PostgresServer pg = PostgresServer.get();
    SinkUrl url = pg.createDatabase();
    String wrong = "not-the-password-" + pg.port();
    SinkException bad =
        assertThrows(
            SinkException.class,
            () -> ResultsDatabase.connect(url, new SinkCredentials("dmtl_test", wrong)));
    assertTrue(bad.getMessage().contains("password authentication failed"), bad.getMessage());
    assertFalse(bad.getMessage().contains(wrong));
    assertFalse(bad.getMessage().contains("\n"));

    SinkUrl nowhere = SinkUrl.parse("jdbc:postgresql://127.0.0.1:1/none");
    SinkException down =
        assertThrows(SinkException.class, () -> ResultsDatabase.connect(nowhere, pg.credentials()));
    assertTrue(down.getMessage().contains("cannot connect"), down.getMessage());
    assertFalse(down.getMessage().contains(pg.password()));
  }

  @Test
  void urlsOfOtherKindsOrWithAPasswordAreRefused() {
    SinkException kind =
        assertThrows(SinkException.class, () -> SinkUrl.parse("jdbc:mysql://h:3306/db"));
    assertTrue(kind.getMessage().contains("unsupported database URL kind 'jdbc:mysql'"));
    SinkException secret =
        assertThrows(
            SinkException.class,
            () -> SinkUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=hunter2"));
    assertFalse(secret.getMessage().contains("hunter2"));
    assertThrows(SinkException.class, () -> SinkUrl.parse("jdbc:postgresql://u:hunter2@h/db"));
  }

  static RunProvenance provenance(String runId) {
    ModelFile model =
        new ModelFile("tiny.onnx", MODEL_SHA, 1, "test", 17, TinyModels.dmtlContract(64));
    return RunProvenance.of(runId, "test", Instant.EPOCH, model, "test", Map.of());
  }

  static RunManifest manifest(String runId, long rows, long deadLetters) {
    RunManifest.Counts counts =
        new RunManifest.Counts(
            rows + deadLetters,
            rows,
            rows,
            deadLetters,
            0,
            Map.of(),
            null,
            new RunManifest.Batches(0, 0, 0));
    return new RunManifest(
        RunManifest.SCHEMA_VERSION,
        runId,
        RunManifest.COMPLETE,
        Instant.EPOCH,
        Instant.EPOCH,
        1,
        1,
        counts,
        Map.of(),
        provenance(runId));
  }

  static void insertFace(ResultsDatabase db, String runId, String input, String sha)
      throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(ResultsTables.insertFaces())) {
      Object[] values = {
        runId, input, 0, input, null, "a.jpg", sha, 10, 10, null, null, null, null, null, null
      };
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.executeUpdate();
      s.executeUpdate(); // a retried bundle: the upsert keeps one row
    }
    assertEquals(1, count(db, "SELECT count(*) FROM dmtl.faces WHERE input = '" + input + "'"));
  }

  static long count(ResultsDatabase db, String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
