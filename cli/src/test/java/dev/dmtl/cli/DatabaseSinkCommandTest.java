package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.resultsdb.ResultsDatabase;
import dev.dmtl.resultsdb.SinkUrl;
import dev.dmtl.resultsdb.testing.PostgresServer;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmtl infer --sink} end to end against a real PostgreSQL server: the password is in no file
 * the run writes and in nothing it prints; every kind of unusable database is one line, exit 3, no
 * row written.
 */
class DatabaseSinkCommandTest {

  @TempDir Path tmp;

  private List<String> infer(String out, String... extra) throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "infer",
            "--runner",
            "direct",
            "-p",
            "2",
            "-m",
            TinyModels.dmtl(5).writeTo(tmp.resolve("tiny.onnx")).toString(),
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
  void theRunIsPublishedAndThePasswordIsNowhereItWrites() throws Exception {
    PostgresServer pg = PostgresServer.get();
    SinkUrl url = pg.createDatabase();
    Path passwordFile = pg.passwordFile(tmp);
    Cli r =
        Cli.run(
            infer("out", "--sink", url.jdbcUrl(), "--sink-password-file", passwordFile.toString())
                .toArray(String[]::new));
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("database:     " + url.display()), r.out());
    assertFalse(r.out().contains(pg.password()));
    assertFalse(r.err().contains(pg.password()));
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.equals(passwordFile)) {
          String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertFalse(content.contains(pg.password()), f + " holds the password");
        }
      }
    }
    try (Connection c = pg.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status, provenance::text FROM dmtl.runs")) {
      assertTrue(rs.next());
      assertEquals(ResultsDatabase.PUBLISHED, rs.getString(1));
      assertFalse(rs.getString(2).contains(pg.password()));
      assertTrue(rs.getString(2).contains(passwordFile.toString()), "the file is recorded by path");
    }
  }

  @Test
  void anAuditOfTheDatabaseGivesTheNumbersOfTheParquetAudit() throws Exception {
    PostgresServer pg = PostgresServer.get();
    SinkUrl url = pg.createDatabase();
    Path passwordFile = pg.passwordFile(tmp);
    Cli inferred =
        Cli.run(
            infer("out", "--sink", url.jdbcUrl(), "--sink-password-file", passwordFile.toString())
                .toArray(String[]::new));
    assertEquals(ExitCodes.OK, inferred.exitCode(), inferred.err());
    String runId =
        new ObjectMapper()
            .readTree(tmp.resolve("out/manifest.json").toFile())
            .get("run_id")
            .asText();

    Cli fromParquet =
        Cli.run("audit", tmp.resolve("out").toString(), "-o", tmp.resolve("a1").toString());
    assertEquals(ExitCodes.OK, fromParquet.exitCode(), fromParquet.err());
    Cli fromDatabase =
        Cli.run(
            "audit",
            url.jdbcUrl(),
            "--run",
            runId,
            "--sink-password-file",
            passwordFile.toString(),
            "-o",
            tmp.resolve("a2").toString());
    assertEquals(ExitCodes.OK, fromDatabase.exitCode(), fromDatabase.err());
    Cli where =
        Cli.run(
            "audit",
            url.jdbcUrl(),
            "--where",
            "model_sha256 IS NOT NULL AND run_id = '" + runId + "'",
            "--sink-password-file",
            passwordFile.toString(),
            "-o",
            tmp.resolve("a3").toString());
    assertEquals(ExitCodes.OK, where.exitCode(), where.err());
    JsonNode parquet = numbers(tmp.resolve("a1/audit.json"));
    assertEquals("", firstDifference("", parquet, numbers(tmp.resolve("a2/audit.json"))));
    assertEquals("", firstDifference("", parquet, numbers(tmp.resolve("a3/audit.json"))));
    assertEquals(
        fromParquet.out(),
        fromDatabase.out().replace(tmp.resolve("a2").toString(), tmp.resolve("a1").toString()));

    Cli bad =
        Cli.run(
            "audit",
            url.jdbcUrl(),
            "--where",
            "no_such_column = 1",
            "--sink-password-file",
            passwordFile.toString(),
            "-o",
            tmp.resolve("a4").toString());
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("no_such_column"), bad.err());
  }

  /** The path of the first difference between two JSON trees, with both values; empty if none. */
  private static String firstDifference(String path, JsonNode a, JsonNode b) {
    if (a.equals(b)) {
      return "";
    }
    if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
      if (a.isObject()) {
        for (var it = a.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          String d = firstDifference(path + "." + f, a.get(f), b.path(f));
          if (!d.isEmpty()) {
            return d;
          }
        }
      } else {
        for (int i = 0; i < a.size(); i++) {
          String d = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
          if (!d.isEmpty()) {
            return d;
          }
        }
      }
    }
    String left = a.toString();
    String right = b.toString();
    return path
        + ": "
        + left.substring(0, Math.min(300, left.length()))
        + " vs "
        + right.substring(0, Math.min(300, right.length()));
  }

  /** The audit's numbers: audit.json without what names the input files and the time. */
  private static JsonNode numbers(Path auditJson) throws Exception {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(auditJson.toFile());
    json.remove(List.of("provenance", "created", "inputs"));
    return json;
  }

  @Test
  void everyUnusableDatabaseIsOneLineExitThreeAndNoRows() throws Exception {
    PostgresServer pg = PostgresServer.get();
    Path passwordFile = pg.passwordFile(tmp);
    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "wrong-" + pg.password() + "\n", StandardCharsets.UTF_8);

    SinkUrl newer = pg.createDatabase();
    ResultsDatabase db = ResultsDatabase.connect(newer, pg.credentials());
    db.migrate();
    sql(
        pg,
        newer,
        "INSERT INTO dmtl.flyway_schema_history (installed_rank, version, description, type,"
            + " script, checksum, installed_by, execution_time, success) VALUES"
            + " (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'x', 1, true)");
    SinkUrl foreign = pg.createDatabase();
    sql(pg, foreign, "CREATE SCHEMA dmtl");
    sql(pg, foreign, "CREATE TABLE dmtl.runs (run_id text, note text)");

    record Case(String name, String url, Path password, String says) {}
    List<Case> cases =
        List.of(
            new Case(
                "unreachable",
                "jdbc:postgresql://127.0.0.1:1/x?user=dmtl_test",
                passwordFile,
                "cannot connect to the results database"),
            new Case(
                "wrong password",
                pg.createDatabase().jdbcUrl(),
                wrong,
                "password authentication failed"),
            new Case("newer schema", newer.jdbcUrl(), passwordFile, "newer than this dmtl"),
            new Case("other columns", foreign.jdbcUrl(), passwordFile, "did not create"),
            new Case(
                "unsupported kind",
                "jdbc:mysql://127.0.0.1/x",
                passwordFile,
                "unsupported database URL kind"));
    for (Case c : cases) {
      Cli r =
          Cli.run(
              infer(
                      "out-" + c.name().replace(' ', '-'),
                      "--sink",
                      c.url(),
                      "--sink-password-file",
                      c.password().toString())
                  .toArray(String[]::new));
      assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), c.name() + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), c.name() + ": " + r.err());
      assertTrue(r.err().contains(c.says()), c.name() + ": " + r.err());
      assertFalse(r.err().contains(pg.password()), c.name());
      assertFalse(r.hasStackTrace(), c.name());
      assertFalse(
          Files.exists(tmp.resolve("out-" + c.name().replace(' ', '-')).resolve("manifest.json")));
    }
    assertEquals(0, count(pg, newer, "SELECT count(*) FROM dmtl.runs"), "no run recorded");
    assertEquals(0, count(pg, foreign, "SELECT count(*) FROM dmtl.runs"));
  }

  private static void sql(PostgresServer pg, SinkUrl url, String statement) throws Exception {
    try (Connection c = pg.connect(url);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static long count(PostgresServer pg, SinkUrl url, String query) throws Exception {
    try (Connection c = pg.connect(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
