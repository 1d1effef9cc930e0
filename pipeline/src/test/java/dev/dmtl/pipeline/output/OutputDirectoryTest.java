package dev.dmtl.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.parquet.PredictionSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

  @TempDir Path tmp;

  private static long entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void anEmptyOutputStillGetsAParquetFileWithSchemaAndFooter() throws Exception {
    OutputDirectory out = new OutputDirectory(tmp.resolve("out").toString(), "r1");
    Map<String, String> footer = Map.of("dmtl.run", "{\"run_id\":\"r1\"}");
    out.ensureFile(OutputDirectory.PREDICTIONS_PREFIX, PredictionSchema.deadLetters(), footer);
    out.ensureFile(OutputDirectory.DEAD_LETTERS_PREFIX, PredictionSchema.deadLetters(), footer);
    out.commit("{}".getBytes(StandardCharsets.UTF_8), 0, 0);
    assertEquals(
        3, entries(tmp.resolve("out")), "two Parquet files and the manifest, no temporary folder");
    Path dead = tmp.resolve("out").resolve(OutputDirectory.DEAD_LETTERS);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM read_parquet('" + dead + "')")) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT decode(value) FROM parquet_kv_metadata('"
                  + dead
                  + "') WHERE decode(key) = 'dmtl.run'")) {
        assertTrue(rs.next());
        assertEquals("{\"run_id\":\"r1\"}", rs.getString(1));
      }
    }
  }

  @Test
  void commitWithoutThePipelineFilesFailsAndAbortLeavesTheFolderAsItWas() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    OutputDirectory out = new OutputDirectory(dir.toString(), "r2");
    Files.createDirectories(Path.of(out.temp().toString()));
    Files.writeString(
        Path.of(out.temp().toString()).resolve("predictions-00000-of-00001.parquet"), "partial");
    IOException e =
        assertThrows(
            IOException.class, () -> out.commit("{}".getBytes(StandardCharsets.UTF_8), 0, 0));
    assertTrue(e.getMessage().startsWith("expected a dead_letters file"), e.getMessage());
    out.abort();
    assertEquals(0, entries(dir));
  }

  @Test
  void claimRemovesLeftoversOfKilledRunsButNotOfRunsStillGoing() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    // a run still going (here: in this JVM) holds its lock
    OutputDirectory running = new OutputDirectory(dir.toString(), "running");
    assertEquals(java.util.List.of(), running.claim());
    // a run that was killed: its folder and lock file stay, nobody holds the lock
    Path killed = Files.createDirectories(dir.resolve(OutputDirectory.TEMP_PREFIX + "killed"));
    Files.writeString(killed.resolve(".lock"), "");
    Files.createDirectories(killed.resolve(".temp-beam-1"));
    Files.writeString(killed.resolve(".temp-beam-1").resolve("part"), "half a file");

    OutputDirectory next = new OutputDirectory(dir.toString(), "next");
    assertEquals(java.util.List.of(killed), next.claim());
    assertTrue(
        Files.isDirectory(Path.of(running.temp().toString())), "the live run's folder is kept");
    assertTrue(Files.isDirectory(Path.of(next.temp().toString())));

    next.abort();
    running.abort();
    assertEquals(0, entries(dir));
  }

  @Test
  void filesOfParallelWritersAreJoinedIntoOneWithEveryRowAndTheFooter() throws Exception {
    OutputDirectory out = new OutputDirectory(tmp.resolve("out").toString(), "r4");
    Files.createDirectories(Path.of(out.temp().toString()));
    org.apache.avro.Schema schema = PredictionSchema.deadLetters();
    Map<String, String> footer = Map.of("dmtl.run", "{\"run_id\":\"r4\"}");
    int[] perShard = {3, 0, 250};
    for (int shard = 0; shard < perShard.length; shard++) {
      org.apache.beam.sdk.io.fs.ResourceId file =
          out.temp()
              .resolve(
                  "dead_letters-0000" + shard + "-of-00003.parquet",
                  org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
      FooterParquetSink sink = new FooterParquetSink(schema, footer);
      try (java.nio.channels.WritableByteChannel ch =
          org.apache.beam.sdk.io.FileSystems.create(file, "application/octet-stream")) {
        sink.open(ch);
        for (int i = 0; i < perShard[shard]; i++) {
          sink.write(
              PredictionRows.deadLetter(
                  schema,
                  new dev.dmtl.contract.rows.DeadLetter(
                      "file:///in/" + shard + "/" + i + ".jpg",
                      null,
                      shard + "/" + i + ".jpg",
                      null,
                      dev.dmtl.contract.rows.Stage.DECODE,
                      "E",
                      "bad " + i)));
        }
        sink.flush();
      }
    }
    out.ensureFile(OutputDirectory.PREDICTIONS_PREFIX, schema, footer);
    out.commit("{}".getBytes(StandardCharsets.UTF_8), 0, 253);
    assertEquals(
        3, entries(tmp.resolve("out")), "one file per output and the manifest, nothing else");
    Path dead = tmp.resolve("out").resolve(OutputDirectory.DEAD_LETTERS);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT count(*), count(DISTINCT source), sum(CASE WHEN source LIKE "
                  + "'file:///in/2/%' THEN 1 ELSE 0 END) FROM read_parquet('"
                  + dead
                  + "')")) {
        rs.next();
        assertEquals(253, rs.getLong(1));
        assertEquals(253, rs.getLong(2));
        assertEquals(250, rs.getLong(3));
      }
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT decode(value) FROM parquet_kv_metadata('"
                  + dead
                  + "') WHERE decode(key) = 'dmtl.run'")) {
        assertTrue(rs.next(), "the provenance footer survives the join");
        assertEquals("{\"run_id\":\"r4\"}", rs.getString(1));
      }
    }
  }

  @Test
  void filesWithDifferentSchemasAreNotJoined() throws Exception {
    OutputDirectory out = new OutputDirectory(tmp.resolve("out").toString(), "r5");
    Files.createDirectories(Path.of(out.temp().toString()));
    Map<String, String> footer = Map.of();
    out.ensureFile(OutputDirectory.PREDICTIONS_PREFIX, PredictionSchema.deadLetters(), footer);
    org.apache.avro.Schema other =
        org.apache.avro.SchemaBuilder.record("x").fields().requiredInt("n").endRecord();
    for (String name :
        List.of("dead_letters-00000-of-00002.parquet", "dead_letters-00001-of-00002.parquet")) {
      org.apache.avro.Schema schema =
          name.contains("00000") ? PredictionSchema.deadLetters() : other;
      FooterParquetSink sink = new FooterParquetSink(schema, footer);
      try (java.nio.channels.WritableByteChannel ch =
          org.apache.beam.sdk.io.FileSystems.create(
              out.temp()
                  .resolve(
                      name,
                      org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE),
              "application/octet-stream")) {
        sink.open(ch);
        sink.flush();
      }
    }
    IOException e =
        assertThrows(
            IOException.class, () -> out.commit("{}".getBytes(StandardCharsets.UTF_8), 0, 0));
    assertTrue(
        e.getMessage().contains("dead_letters-00001-of-00002.parquet")
            && e.getMessage().contains("schema differs"),
        e.getMessage());
    out.abort();
  }

  @Test
  void aFileMoreOrLessThanTheRunCountedIsNotPublished() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    OutputDirectory out = new OutputDirectory(dir.toString(), "r6");
    Files.createDirectories(Path.of(out.temp().toString()));
    org.apache.avro.Schema schema = PredictionSchema.deadLetters();
    // two writers' files, as a task retried under a new file name could leave them
    for (String name :
        List.of("dead_letters-00000-of-00002.parquet", "dead_letters-00001-of-00002.parquet")) {
      FooterParquetSink sink = new FooterParquetSink(schema, Map.of());
      try (java.nio.channels.WritableByteChannel ch =
          org.apache.beam.sdk.io.FileSystems.create(
              out.temp()
                  .resolve(
                      name,
                      org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE),
              "application/octet-stream")) {
        sink.open(ch);
        sink.write(
            PredictionRows.deadLetter(
                schema,
                new dev.dmtl.contract.rows.DeadLetter(
                    "file:///in/a.jpg",
                    null,
                    "a.jpg",
                    null,
                    dev.dmtl.contract.rows.Stage.DECODE,
                    "E",
                    "bad")));
        sink.flush();
      }
    }
    out.ensureFile(OutputDirectory.PREDICTIONS_PREFIX, schema, Map.of());
    IOException e =
        assertThrows(
            IOException.class, () -> out.commit("{}".getBytes(StandardCharsets.UTF_8), 0, 1));
    assertTrue(
        e.getMessage().endsWith("holds 2 rows but the run counted 1; no output was published"),
        e.getMessage());
    out.abort();
    assertEquals(0, entries(dir), "nothing published, temporary folder removed");
  }
}
