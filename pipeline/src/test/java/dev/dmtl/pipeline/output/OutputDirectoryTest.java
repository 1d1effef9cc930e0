package dev.dmtl.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
    out.commit("{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(3, entries(tmp.resolve("out")), "two Parquet files and the manifest, no temporary folder");
    Path dead = tmp.resolve("out").resolve(OutputDirectory.DEAD_LETTERS);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM read_parquet('" + dead + "')")) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
      try (ResultSet rs = sql.executeQuery("SELECT decode(value) FROM parquet_kv_metadata('" + dead
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
    Files.writeString(Path.of(out.temp().toString()).resolve("predictions-00000-of-00001.parquet"), "partial");
    IOException e = assertThrows(IOException.class, () -> out.commit("{}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("expected one dead_letters file"), e.getMessage());
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
    assertTrue(Files.isDirectory(Path.of(running.temp().toString())), "the live run's folder is kept");
    assertTrue(Files.isDirectory(Path.of(next.temp().toString())));

    next.abort();
    running.abort();
    assertEquals(0, entries(dir));
  }
}
