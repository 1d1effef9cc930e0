package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.testdata.BadInputs;
import dev.dmtl.testdata.BadInputs.Expected;
import dev.dmtl.testdata.FileSystemOddities;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad or odd input, through one whole {@link InferJob} run on the Direct runner: the
 * committed corpus ({@link BadInputs}) and the inputs git cannot hold ({@link FileSystemOddities}:
 * links, a FIFO, permissions, bombs, duplicate entries). One dynamic test per input checks its fate
 * — a row, or a dead letter at its stage whose message names what is wrong — and that it is
 * accounted for exactly as often as expected, under the run's invariant {@code inputs_seen =
 * inputs_with_rows + dead_letters}.
 */
class BadInputCorpusTest {

  /**
   * Root reads a file whatever its permissions, so the unreadable-file case proves nothing as root.
   */
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  @TempDir Path tmp;

  /** What the run made of one address: a row ({@code stage == null}) or a dead letter. */
  private record Outcome(
      Stage stage, String errorClass, String message, Integer width, Integer height) {
    @Override
    public String toString() {
      return stage == null
          ? "row " + width + "x" + height
          : stage + " " + errorClass + ": " + message;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputIsARowOrADeadLetterThatSaysWhy() throws Exception {
    Path inputs = tmp.resolve("inputs");
    Path corpus = Files.createDirectories(inputs.resolve("bad"));
    try (Stream<Path> files = Files.list(TestData.bad())) {
      for (Path f : files.toList()) {
        Files.copy(f, corpus.resolve(f.getFileName()));
      }
    }
    FileSystemOddities.Written odd = FileSystemOddities.write(inputs.resolve("fs"), !ROOT);
    Map<String, Expected> cases = new LinkedHashMap<>();
    List<String> expectedAddresses = new ArrayList<>();
    for (Expected e : BadInputs.EXPECTED) {
      expectedAddresses.add("bad/" + e.relativeAddress());
      cases.put("bad/" + e.relativeAddress() + (e.stage() == null ? "" : " " + e.stage()), e);
    }
    for (Expected e : odd.expected()) {
      expectedAddresses.add("fs/" + e.relativeAddress());
      cases.put("fs/" + e.relativeAddress() + (e.stage() == null ? "" : " " + e.stage()), e);
    }

    Path out = tmp.resolve("out");
    InferRequest request =
        InferRequest.of(List.of(inputs.toString()), out.toString())
            .withModel(Fixtures.writeModel(tmp).toString())
            .withRunner(RunnerKind.DIRECT, 2)
            .withBatchSize(new BatchSize(8));
    RunManifest.Counts counts = InferJob.run(request).manifest().counts();
    Map<String, List<Outcome>> outcomes = read(out, inputs.toAbsolutePath().normalize() + "/");

    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            "accounting: every input once, nothing else",
            () -> {
              assertEquals(counts.inputsSeen(), counts.inputsWithRows() + counts.deadLetters());
              assertEquals(expectedAddresses.size(), counts.inputsSeen());
              List<String> seen = new ArrayList<>();
              outcomes.forEach((address, list) -> list.forEach(o -> seen.add(address)));
              assertEquals(
                  expectedAddresses.stream().sorted().toList(), seen.stream().sorted().toList());
            }));
    cases.forEach(
        (name, e) ->
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      String address =
                          name.substring(
                              0,
                              name.length()
                                  - (e.stage() == null ? 0 : e.stage().name().length() + 1));
                      List<Outcome> got = outcomes.getOrDefault(address, List.of());
                      // an address is one input, except for the duplicate zip entry, which is two
                      // with one name
                      long expectedHere =
                          expectedAddresses.stream().filter(address::equals).count();
                      assertEquals(expectedHere, got.size(), address + " accounted for " + got);
                      assertTrue(
                          got.stream()
                              .anyMatch(
                                  o ->
                                      e.stage() == null
                                          ? o.stage() == null
                                          : o.stage() == e.stage()
                                              && o.message().contains(e.message())),
                          address
                              + ": expected "
                              + (e.stage() == null ? "a row" : e.stage() + " '" + e.message() + "'")
                              + ", got "
                              + got);
                      assertEquals(
                          counts.inputsSeen(), counts.inputsWithRows() + counts.deadLetters());
                    })));
    tests.add(
        DynamicTest.dynamicTest(
            "odd images keep their geometry",
            () -> {
              assertEquals(
                  List.of(new Outcome(null, null, null, 24, 40)),
                  outcomes.get("bad/exif-rotate-90.jpg"),
                  "upright");
              assertEquals(
                  List.of(new Outcome(null, null, null, 1, 1)), outcomes.get("bad/one-pixel.png"));
              assertEquals(
                  List.of(new Outcome(null, null, null, 32, 32)), outcomes.get("bad/animated.gif"));
            }));
    tests.add(
        DynamicTest.dynamicTest(
            "fs/unreadable.jpg READ (skipped as root)",
            () -> {
              assumeFalse(
                  ROOT,
                  "running as root, who reads a file without permissions: the case cannot fail here");
              assertTrue(odd.unreadableFile());
            }));
    tests.add(
        DynamicTest.dynamicTest(
            "fs/pipe.jpg READ, without hanging (needs mkfifo)",
            () -> {
              assumeTrue(odd.fifo(), "no mkfifo on this system");
              assertEquals(Stage.READ, outcomes.get("fs/pipe.jpg").get(0).stage());
            }));
    return tests.stream();
  }

  /** Rows and dead letters of a run, by address relative to {@code root}, read back with DuckDB. */
  private static Map<String, List<Outcome>> read(Path out, String root) throws Exception {
    Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT source, entry, image_width, image_height FROM read_parquet('"
                  + out.resolve("predictions.parquet")
                  + "')")) {
        while (rs.next()) {
          outcomes
              .computeIfAbsent(
                  address(root, rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
              .add(new Outcome(null, null, null, rs.getInt(3), rs.getInt(4)));
        }
      }
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT source, entry, stage, error_class, message FROM read_parquet('"
                  + out.resolve("dead_letters.parquet")
                  + "')")) {
        while (rs.next()) {
          outcomes
              .computeIfAbsent(
                  address(root, rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
              .add(
                  new Outcome(
                      Stage.valueOf(rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      null,
                      null));
        }
      }
    }
    return outcomes;
  }

  private static String address(String root, String source, String entry) {
    String file = source.startsWith(root) ? source.substring(root.length()) : source;
    return entry == null ? file : file + "!/" + entry;
  }
}
