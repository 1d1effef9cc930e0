package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.resultsdb.testing.DuckDbHolder;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmtl infer --sink duckdb:FILE} and {@code dmtl audit duckdb:FILE} end to end: the run is
 * published into the file, the audit of the file gives the Parquet audit's numbers (and leaves the
 * file as it was), and every file that cannot be used is one line, exit 3, no rows.
 */
class DuckDbSinkCommandTest {

  @TempDir Path tmp;

  private List<String> infer(String out, String... extra) throws Exception {
    Path model = tmp.resolve("tiny.onnx");
    if (!Files.exists(model)) {
      TinyModels.dmtl(5).writeTo(model);
    }
    List<String> args = new ArrayList<>();
    args.add("infer");
    if (!List.of(extra).contains("--runner")) {
      args.addAll(List.of("--runner", "direct"));
    }
    args.addAll(
        List.of(
            "-p",
            "2",
            "-m",
            model.toString(),
            "-o",
            tmp.resolve(out).toString(),
            "--labels",
            "utkface"));
    args.addAll(List.of(extra));
    args.add(TestData.bad().toString());
    args.add(TestData.utkfaceSample().toString());
    return args;
  }

  @Test
  void aRunIsPublishedIntoTheFileAndItsAuditGivesTheParquetAuditsNumbers() throws Exception {
    Path file = tmp.resolve("results.duckdb");
    Cli inferred = Cli.run(infer("out", "--sink", "duckdb:" + file).toArray(String[]::new));
    assertEquals(ExitCodes.OK, inferred.exitCode(), inferred.err());
    assertTrue(inferred.out().contains("database:     duckdb:" + file), inferred.out());
    String runId =
        new ObjectMapper()
            .readTree(tmp.resolve("out/manifest.json").toFile())
            .get("run_id")
            .asText();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT status, face_rows FROM dmtl.runs")) {
      assertTrue(r.next());
      assertEquals("published", r.getString(1));
      assertTrue(r.getLong(2) > 0);
    }
    String before = ContentHash.sha256Hex(Files.readAllBytes(file));

    Cli fromParquet =
        Cli.run("audit", tmp.resolve("out").toString(), "-o", tmp.resolve("a1").toString());
    assertEquals(ExitCodes.OK, fromParquet.exitCode(), fromParquet.err());
    Cli fromFile =
        Cli.run("audit", "duckdb:" + file, "--run", runId, "-o", tmp.resolve("a2").toString());
    assertEquals(ExitCodes.OK, fromFile.exitCode(), fromFile.err());
    Cli where =
        Cli.run(
            "audit",
            "jdbc:duckdb:" + file,
            "--where",
            "source LIKE '%utkface%' OR source LIKE '%bad%'",
            "-o",
            tmp.resolve("a3").toString());
    assertEquals(ExitCodes.OK, where.exitCode(), where.err());
    assertEquals(numbers(tmp.resolve("a1/audit.json")), numbers(tmp.resolve("a2/audit.json")));
    assertEquals(numbers(tmp.resolve("a1/audit.json")), numbers(tmp.resolve("a3/audit.json")));
    assertEquals(
        fromParquet.out(),
        fromFile.out().replace(tmp.resolve("a2").toString(), tmp.resolve("a1").toString()));
    assertEquals(
        before, ContentHash.sha256Hex(Files.readAllBytes(file)), "an audit changes nothing");

    Cli bad =
        Cli.run(
            "audit",
            "duckdb:" + file,
            "--where",
            "no_such_column = 1",
            "-o",
            tmp.resolve("a4").toString());
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("no_such_column"), bad.err());
    Cli absent =
        Cli.run(
            "audit",
            "duckdb:" + tmp.resolve("absent.duckdb"),
            "--run",
            runId,
            "-o",
            tmp.resolve("a5").toString());
    assertEquals(ExitCodes.BAD_INPUT, absent.exitCode(), absent.err());
    assertEquals(1, absent.err().strip().lines().count(), absent.err());
    assertTrue(
        absent.err().contains("no DuckDB file " + tmp.resolve("absent.duckdb")), absent.err());
    assertFalse(Files.exists(tmp.resolve("absent.duckdb")));
  }

  /** The audit's numbers: audit.json without what names the input files and the time. */
  private static ObjectNode numbers(Path auditJson) throws Exception {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(auditJson.toFile());
    json.remove(List.of("provenance", "created", "inputs"));
    return json;
  }

  @Test
  void everyUnusableFileIsOneLineExitThreeAndNoRows() throws Exception {
    Path newer = tmp.resolve("newer.duckdb");
    assertEquals(
        ExitCodes.OK,
        Cli.run(infer("first", "--sink", "duckdb:" + newer).toArray(String[]::new)).exitCode());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + newer);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO dmtl.schema_history VALUES (2, 'next', 'V2__next.sql', 'x', now())");
    }
    Path text = Files.writeString(tmp.resolve("notes.duckdb"), "my notes\n");
    Path held = tmp.resolve("held.duckdb");
    Path password = Files.writeString(tmp.resolve("pw"), "secret\n");

    record Case(String name, List<String> sinkArgs, String says) {}
    List<Case> cases =
        List.of(
            new Case(
                "missing folder",
                List.of("--sink", "duckdb:" + tmp.resolve("nowhere/r.duckdb")),
                "the DuckDB file's folder " + tmp.resolve("nowhere") + " does not exist"),
            new Case(
                "not duckdb",
                List.of("--sink", "duckdb:" + text),
                text + " is not a DuckDB database file"),
            new Case(
                "newer schema",
                List.of("--sink", "duckdb:" + newer),
                "schema is at version 2, newer than this dmtl knows (1)"),
            new Case(
                "locked",
                List.of("--sink", "duckdb:" + held),
                "the DuckDB file " + held + " is open in another process"),
            new Case(
                "cluster",
                List.of(
                    "--sink",
                    "duckdb:" + tmp.resolve("c.duckdb"),
                    "--runner",
                    "flink",
                    "--flink-master",
                    "127.0.0.1:1"),
                "DuckDB is a single-process file and the Flink cluster at 127.0.0.1:1"),
            new Case(
                "password file",
                List.of(
                    "--sink",
                    "duckdb:" + tmp.resolve("p.duckdb"),
                    "--sink-password-file",
                    password.toString()),
                "a DuckDB file has no password"));
    try (DuckDbHolder other = DuckDbHolder.start(held)) {
      assertTrue(other.holds(), other.said());
      for (Case c : cases) {
        String out = "out-" + c.name().replace(' ', '-');
        List<String> args = infer(out, c.sinkArgs().toArray(String[]::new));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), c.name() + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), c.name() + ": " + r.err());
        assertTrue(r.err().contains(c.says()), c.name() + ": " + r.err());
        assertFalse(r.hasStackTrace(), c.name());
        assertFalse(Files.exists(tmp.resolve(out).resolve("manifest.json")), c.name());
      }
    }
    assertEquals("my notes\n", Files.readString(text));
    assertFalse(Files.exists(tmp.resolve("c.duckdb")), "nothing created for a cluster run");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + newer);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM dmtl.runs")) {
      r.next();
      assertEquals(1, r.getLong(1), "only the first run is recorded");
    }
  }

  @Test
  void aNightlyRunWithNothingNewSucceedsAndNamesItsRun() throws Exception {
    Path file = tmp.resolve("nightly.duckdb");
    Path model = TinyModels.dmtl(5).writeTo(tmp.resolve("tiny-nightly.onnx"));
    Path archive = tmp.resolve("archive");
    Files.createDirectories(archive);
    try (var images = Files.list(TestData.utkfaceSample())) {
      for (Path p : images.sorted().limit(12).toList()) {
        Files.copy(p, archive.resolve(p.getFileName()));
      }
    }
    List<String> run =
        List.of(
            "run",
            "-q",
            "--runner",
            "direct",
            "-m",
            model.toString(),
            "--labels",
            "utkface",
            "--resamples",
            "0",
            "--sink",
            "duckdb:" + file,
            "--skip-known",
            archive.toString());
    List<String> first = new ArrayList<>(run);
    first.addAll(List.of("-o", tmp.resolve("n1").toString()));
    Cli one = Cli.run(first.toArray(String[]::new));
    assertEquals(ExitCodes.OK, one.exitCode(), one.err() + one.out());
    assertTrue(one.out().contains("database:     duckdb:" + file + " (run "), one.out());

    List<String> second = new ArrayList<>(run);
    second.addAll(List.of("-o", tmp.resolve("n2").toString()));
    Cli two = Cli.run(second.toArray(String[]::new));
    assertEquals(
        ExitCodes.OK, two.exitCode(), "nothing new is a success: " + two.err() + two.out());
    assertTrue(two.out().contains("12 skipped as known"), two.out());
    assertTrue(
        two.out().contains("nothing new to audit: all 12 inputs were already known"), two.out());
    assertFalse(two.out().contains("dead letter ("), two.out());
    String runId =
        new ObjectMapper()
            .readTree(tmp.resolve("n2/manifest.json").toFile())
            .get("run_id")
            .asText();
    assertTrue(two.out().contains("(run " + runId + ", published)"), two.out());

    Cli empty =
        Cli.run("audit", "duckdb:" + file, "--run", runId, "-o", tmp.resolve("n3").toString());
    assertEquals(ExitCodes.BAD_INPUT, empty.exitCode(), empty.err());
    assertTrue(
        empty.err().contains("is published but holds no face row and no dead letter"),
        "not 'no published run': " + empty.err());
  }
}
