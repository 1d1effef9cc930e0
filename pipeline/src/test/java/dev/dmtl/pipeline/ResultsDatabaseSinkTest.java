package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.resultsdb.SinkUrl;
import dev.dmtl.resultsdb.testing.PostgresServer;
import dev.dmtl.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs with {@code --sink} into a real PostgreSQL server: the database holds exactly the
 * Parquet result, published; re-runs with {@code --skip-known}; a bad database refuses the run
 * before anything is written; the password appears in no file the run writes.
 */
class ResultsDatabaseSinkTest {

  @TempDir Path tmp;

  private Path model() throws Exception {
    return Files.exists(tmp.resolve("tiny.onnx"))
        ? tmp.resolve("tiny.onnx")
        : Fixtures.writeModel(tmp);
  }

  private InferRequest request(List<String> inputs, String out, SinkOptions sink) throws Exception {
    return InferRequest.of(inputs, tmp.resolve(out).toString())
        .withModel(model().toString())
        .withRunner(RunnerKind.DIRECT, 2)
        .withLabels("utkface")
        .withBatchSize(new BatchSize(4))
        .withSink(sink);
  }

  private List<String> samples(int n, Path into) throws Exception {
    return samples(0, n, into);
  }

  private List<String> samples(int offset, int n, Path into) throws Exception {
    Files.createDirectories(into);
    List<String> out = new ArrayList<>();
    for (Path s : Fixtures.samples(n + offset).subList(offset, n + offset)) {
      Path copy = into.resolve(s.getFileName().toString());
      Files.copy(s, copy);
      out.add(copy.toString());
    }
    return out;
  }

  @Test
  void theDatabaseHoldsThePublishedRunAsParquetDoesAndSkipKnownSkipsByContent() throws Exception {
    PostgresServer pg = PostgresServer.get();
    SinkUrl url = pg.createDatabase();
    String passwordFile = pg.passwordFile(tmp).toString();
    SinkOptions sink = new SinkOptions(url.jdbcUrl(), passwordFile, false, null);
    List<String> inputs = new ArrayList<>(samples(3, tmp.resolve("in")));
    inputs.add(TestData.bad().toString());

    RunManifest first = InferJob.run(request(inputs, "out1", sink)).manifest();
    RunManifest.Counts c = first.counts();
    try (Connection db = pg.connect(url);
        Statement sql = db.createStatement()) {
      String run = "'" + first.runId() + "'";
      assertEquals("published", text(sql, "SELECT status FROM dmtl.runs WHERE run_id = " + run));
      assertEquals(c.rows(), count(sql, "SELECT count(*) FROM dmtl.faces WHERE run_id = " + run));
      assertEquals(
          c.rows() * 3, count(sql, "SELECT count(*) FROM dmtl.predictions WHERE run_id = " + run));
      assertEquals(
          c.deadLetters(),
          count(sql, "SELECT count(*) FROM dmtl.dead_letters WHERE run_id = " + run));
      assertEquals(
          c.deadLetters() * 3,
          count(sql, "SELECT count(*) FROM dmtl.dead_letter_labels WHERE run_id = " + run));
      assertEquals(c.inputsSeen(), count(sql, "SELECT inputs_seen FROM dmtl.runs"));
      assertEquals(
          first.provenance().model().sha256(), text(sql, "SELECT model_sha256 FROM dmtl.runs"));
      // one row per image content, face and task: the corpus holds the same bytes under two names
      assertEquals(
          3 * count(sql, "SELECT count(DISTINCT (image_sha256, face_index)) FROM dmtl.faces"),
          count(sql, "SELECT count(*) FROM dmtl.latest_predictions"));
      // typed: probabilities real[] (2 gender labels), ground truth from the file names
      try (ResultSet r =
          sql.executeQuery(
              "SELECT p.probabilities, p.label, p.confidence FROM dmtl.predictions p"
                  + " JOIN dmtl.faces f USING (run_id, input, face_index)"
                  + " WHERE p.task = 'gender' AND f.relative_path LIKE '%.chip.jpg'"
                  + " ORDER BY f.relative_path LIMIT 1")) {
        assertTrue(r.next());
        Array probs = r.getArray(1);
        assertEquals("float4", probs.getBaseTypeName());
        Float[] values = (Float[]) probs.getArray();
        assertEquals(2, values.length);
        assertTrue(List.of("male", "female").contains(r.getString(2)));
        assertEquals(Math.max(values[0], values[1]), r.getFloat(3), 1e-6);
      }

      // the same inputs plus one new image and one changed file under an old name
      Path changed = Path.of(inputs.get(0));
      Files.copy(
          Fixtures.samples(6).get(5), changed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<String> again = new ArrayList<>(inputs);
      again.addAll(samples(7, 1, tmp.resolve("new")));
      SinkOptions skip = new SinkOptions(url.jdbcUrl(), passwordFile, true, null);
      RunManifest second = InferJob.run(request(again, "out2", skip)).manifest();
      RunManifest.Counts d = second.counts();
      // known: the 2 unchanged samples and every corpus input whose bytes were read (hash known)
      long knownDeadLetters =
          count(
              sql,
              "SELECT count(DISTINCT image_sha256) FROM dmtl.dead_letters WHERE run_id = "
                  + run
                  + " AND image_sha256 IS NOT NULL");
      assertEquals(c.inputsSeen() + 1, d.inputsSeen());
      assertEquals(d.inputsSeen(), d.inputsWithRows() + d.deadLetters() + d.skippedKnown());
      assertEquals(2, d.rows(), "the changed file and the new one are inferred");
      assertTrue(d.skippedKnown() >= 2 + knownDeadLetters - 1, "skipped: " + d.skippedKnown());
      assertEquals(
          d.skippedKnown(),
          count(
              sql, "SELECT skipped_known FROM dmtl.runs WHERE run_id = '" + second.runId() + "'"));
    }
    assertNoFileHolds(tmp.resolve("out1"), pg.password());
    assertNoFileHolds(tmp.resolve("out2"), pg.password());
  }

  @Test
  void skipKnownWithoutADatabaseReadsThePreviousParquetResult() throws Exception {
    List<String> inputs = samples(3, tmp.resolve("in"));
    RunManifest first = InferJob.run(request(inputs, "p1", SinkOptions.NONE)).manifest();
    assertEquals(3, first.counts().rows());
    List<String> again = new ArrayList<>(inputs);
    again.addAll(samples(7, 1, tmp.resolve("new")));
    SinkOptions previous = new SinkOptions(null, null, true, List.of(tmp.resolve("p1").toString()));
    RunManifest.Counts c = InferJob.run(request(again, "p2", previous)).manifest().counts();
    assertEquals(4, c.inputsSeen());
    assertEquals(3, c.skippedKnown());
    assertEquals(1, c.rows());
    assertTrue(c.accountedFor());

    InvalidRunException notAResult =
        assertThrows(
            InvalidRunException.class,
            () ->
                InferJob.run(
                    request(
                        again,
                        "p3",
                        new SinkOptions(null, null, true, List.of(tmp.resolve("in").toString())))));
    assertTrue(notAResult.getMessage().contains("no manifest.json"), notAResult.getMessage());
  }

  @Test
  void aBadDatabaseRefusesTheRunBeforeAnythingIsWritten() throws Exception {
    PostgresServer pg = PostgresServer.get();
    SinkUrl url = pg.createDatabase();
    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "wrong-password-123\n", StandardCharsets.UTF_8);
    List<String> inputs = samples(1, tmp.resolve("in"));
    InvalidRunException e =
        assertThrows(
            InvalidRunException.class,
            () ->
                InferJob.run(
                    request(
                        inputs,
                        "out",
                        new SinkOptions(url.jdbcUrl(), wrong.toString(), false, null))));
    assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-password-123"));
    assertFalse(Files.exists(tmp.resolve("out").resolve("manifest.json")));

    InvalidRunException kind =
        assertThrows(
            InvalidRunException.class,
            () ->
                InferJob.run(
                    request(
                        inputs, "out", new SinkOptions("jdbc:sqlite:x.db", null, false, null))));
    assertTrue(kind.getMessage().contains("unsupported database URL kind"), kind.getMessage());
  }

  private static void assertNoFileHolds(Path dir, String secret) throws Exception {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(f);
        assertFalse(indexOf(content, needle) >= 0, f + " holds the password");
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String text(Statement sql, String query) throws Exception {
    try (ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getString(1);
    }
  }
}
