package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.resultsdb.testing.DuckDbHolder;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs with {@code --sink duckdb:FILE}, the embedded default, through the same code path as
 * PostgreSQL: the file holds exactly the published Parquet result on the Direct runner and on
 * embedded Flink (JdbcIO's workers write through the JVM's one DuckDB instance), {@code
 * --skip-known} reads it, the file is unlocked when the run ends, and every file that cannot be
 * used refuses the run before anything is written.
 */
class DuckDbSinkTest {

  @TempDir Path tmp;

  private Path model() throws Exception {
    return Files.exists(tmp.resolve("tiny.onnx"))
        ? tmp.resolve("tiny.onnx")
        : Fixtures.writeModel(tmp);
  }

  private InferRequest request(List<String> inputs, String out, RunnerKind runner, String sink)
      throws Exception {
    return request(inputs, out, runner, new SinkOptions(sink, null, false, null));
  }

  private InferRequest request(List<String> inputs, String out, RunnerKind runner, SinkOptions sink)
      throws Exception {
    return InferRequest.of(inputs, tmp.resolve(out).toString())
        .withModel(model().toString())
        .withRunner(runner, 2)
        .withLabels("utkface")
        .withBatchSize(new BatchSize(4))
        .withSink(sink);
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
  void theFileHoldsThePublishedRunOnBothRunnersAndSkipKnownReadsIt() throws Exception {
    Path file = tmp.resolve("results.duckdb");
    String sink = "duckdb:" + file;
    List<String> inputs = new ArrayList<>(samples(0, 3, tmp.resolve("in")));
    inputs.add(TestData.bad().toString());

    RunManifest first = InferJob.run(request(inputs, "out1", RunnerKind.DIRECT, sink)).manifest();
    RunManifest.Counts c = first.counts();

    // the same inputs plus one new image and one changed file under an old name, on embedded
    // Flink, whose JdbcIO workers write through the same code path
    Files.copy(
        Fixtures.samples(6).get(5), Path.of(inputs.get(0)), StandardCopyOption.REPLACE_EXISTING);
    List<String> again = new ArrayList<>(inputs);
    again.addAll(samples(7, 1, tmp.resolve("new")));
    RunManifest second =
        InferJob.run(
                request(again, "out2", RunnerKind.FLINK, new SinkOptions(sink, null, true, null)))
            .manifest();
    RunManifest.Counts d = second.counts();

    // the run let go of the file: another process can open it (and this one reads it after)
    try (DuckDbHolder other = DuckDbHolder.start(file)) {
      assertTrue(other.holds(), "the file is still locked: " + other.said());
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + file);
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
      assertEquals(
          c.inputsSeen(), count(sql, "SELECT inputs_seen FROM dmtl.runs WHERE run_id = " + run));
      try (ResultSet r =
          sql.executeQuery(
              "SELECT p.probabilities, p.label, p.confidence, typeof(p.probabilities)"
                  + " FROM dmtl.predictions p JOIN dmtl.faces f USING (run_id, input, face_index)"
                  + " WHERE p.task = 'gender' AND f.relative_path LIKE '%.chip.jpg'"
                  + " AND p.run_id = "
                  + run
                  + " ORDER BY f.relative_path LIMIT 1")) {
        assertTrue(r.next());
        assertEquals("FLOAT[]", r.getString(4));
        Array probs = r.getArray(1);
        Object[] values = (Object[]) probs.getArray();
        assertEquals(2, values.length);
        assertTrue(List.of("male", "female").contains(r.getString(2)));
        assertEquals(
            Math.max(((Number) values[0]).floatValue(), ((Number) values[1]).floatValue()),
            r.getFloat(3),
            1e-6);
      }

      String run2 = "'" + second.runId() + "'";
      assertEquals("published", text(sql, "SELECT status FROM dmtl.runs WHERE run_id = " + run2));
      assertEquals(c.inputsSeen() + 1, d.inputsSeen());
      assertTrue(d.accountedFor());
      assertEquals(2, d.rows(), "the changed file and the new one are inferred");
      assertEquals(d.rows(), count(sql, "SELECT count(*) FROM dmtl.faces WHERE run_id = " + run2));
      assertEquals(
          d.deadLetters(),
          count(sql, "SELECT count(*) FROM dmtl.dead_letters WHERE run_id = " + run2));
      assertEquals(
          d.skippedKnown(),
          count(sql, "SELECT skipped_known FROM dmtl.runs WHERE run_id = " + run2));
      assertTrue(d.skippedKnown() >= 2, "skipped: " + d.skippedKnown());
      // the views show published runs only, one row per image content, face and task
      assertEquals(
          3 * count(sql, "SELECT count(DISTINCT (image_sha256, face_index)) FROM dmtl.faces"),
          count(sql, "SELECT count(*) FROM dmtl.latest_predictions"));
      assertEquals(
          3 * (c.rows() + d.rows()), count(sql, "SELECT count(*) FROM dmtl.published_predictions"));
    }
  }

  @Test
  void everyUnusableFileRefusesTheRunBeforeAnythingIsWritten() throws Exception {
    List<String> inputs = samples(0, 1, tmp.resolve("in"));

    // a cluster: refused before the model or the file is even opened
    Path clusterFile = tmp.resolve("cluster.duckdb");
    InferRequest local = request(inputs, "o1", RunnerKind.FLINK, "duckdb:" + clusterFile);
    InferRequest cluster =
        new InferRequest(
            local.inputs(),
            local.inputList(),
            local.output(),
            local.overwrite(),
            local.model(),
            local.faces(),
            local.detector(),
            local.batchSize(),
            local.device(),
            local.labels(),
            local.limits(),
            RunnerKind.FLINK,
            "127.0.0.1:1",
            local.parallelism(),
            local.intraOpThreads(),
            local.runId(),
            local.spec(),
            local.sink(),
            null);
    assertRefused(
        cluster,
        "--sink jdbc:duckdb:"
            + clusterFile
            + ": DuckDB is a single-process file and the Flink cluster at 127.0.0.1:1 runs workers"
            + " in other processes; use PostgreSQL");
    assertFalse(Files.exists(clusterFile));

    assertRefused(
        request(inputs, "o2", RunnerKind.DIRECT, "duckdb:" + tmp.resolve("nowhere/r.duckdb")),
        "the DuckDB file's folder " + tmp.resolve("nowhere") + " does not exist");

    Path text = Files.writeString(tmp.resolve("notes.duckdb"), "my notes\n");
    assertRefused(
        request(inputs, "o3", RunnerKind.DIRECT, "duckdb:" + text),
        text + " is not a DuckDB database file");
    assertEquals("my notes\n", Files.readString(text));

    Path newer = tmp.resolve("newer.duckdb");
    InferJob.run(request(inputs, "o4", RunnerKind.DIRECT, "duckdb:" + newer));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + newer);
        Statement sql = db.createStatement()) {
      sql.execute("INSERT INTO dmtl.schema_history VALUES (2, 'next', 'V2__next.sql', 'x', now())");
    }
    assertRefused(
        request(inputs, "o5", RunnerKind.DIRECT, "duckdb:" + newer),
        "the results database's schema is at version 2, newer than this dmtl knows (1)");

    Path held = tmp.resolve("held.duckdb");
    try (DuckDbHolder other = DuckDbHolder.start(held)) {
      assertTrue(other.holds(), other.said());
      assertRefused(
          request(inputs, "o6", RunnerKind.DIRECT, "duckdb:" + held),
          "the DuckDB file " + held + " is open in another process");
    }
  }

  private void assertRefused(InferRequest request, String start) {
    InvalidRunException e = assertThrows(InvalidRunException.class, () -> InferJob.run(request));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(Files.exists(Path.of(request.output()).resolve("manifest.json")));
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
