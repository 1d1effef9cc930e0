package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.testdata.BadInputs;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs through {@link InferJob}: outputs, manifest, provenance, atomicity; read back with
 * DuckDB.
 */
class InferJobTest {

  @TempDir Path tmp;

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Map<String, String> columnTypes(Statement sql, Path parquet) throws Exception {
    Map<String, String> types = new LinkedHashMap<>();
    try (ResultSet rs =
        sql.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')")) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return types;
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aDirectRunPublishesParquetThatDuckDbReadsWithTheRightTypes() throws Exception {
    Path model = Fixtures.writeModel(tmp);
    List<String> inputs = new ArrayList<>();
    inputs.add(TestData.bad().toString());
    for (Path s : Fixtures.samples(3)) {
      inputs.add(s.toString());
    }
    Path out = tmp.resolve("out");
    InferRequest request =
        InferRequest.of(inputs, out.toString())
            .withModel(model.toString())
            .withRunner(RunnerKind.DIRECT, 2)
            .withLabels("utkface")
            .withBatchSize(new BatchSize(4));
    RunResult result = InferJob.run(request);

    assertEquals(
        List.of("dead_letters.parquet", "manifest.json", "predictions.parquet"), listing(out));
    RunManifest manifest = RunManifest.read(out.resolve("manifest.json"));
    RunManifest.Counts c = manifest.counts();
    int corpus = BadInputs.EXPECTED.size();
    int corpusRows = (int) BadInputs.EXPECTED.stream().filter(e -> e.stage() == null).count();
    assertEquals(corpus + 3, c.inputsSeen()); // the corpus folder + 3 samples
    assertEquals(corpusRows + 3, c.inputsWithRows());
    assertEquals(corpusRows + 3, c.rows());
    assertEquals(corpus - corpusRows, c.deadLetters());
    for (Stage stage : Stage.values()) {
      assertEquals(
          BadInputs.EXPECTED.stream().filter(e -> e.stage() == stage).count(),
          (long) c.deadLettersByStage().get(stage),
          stage.name());
    }
    assertEquals("utkface", c.labels().source());
    assertEquals(
        corpusRows,
        c.labels().missingByTask().get("age")); // the corpus images have no UTKFace names
    assertEquals(
        corpusRows + 3,
        Math.round(c.batches().meanFaces() * c.batches().calls())); // every face in some model call
    assertTrue(c.batches().maxFaces() <= 4, "--batch-size 4 caps a call");
    assertEquals(manifest.runId(), request.runId());
    assertEquals(result.manifest().counts(), manifest.counts());
    assertEquals(
        ContentHash.sha256Hex(Files.readAllBytes(model)), manifest.provenance().model().sha256());

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      Path predictions = out.resolve("predictions.parquet");
      Map<String, String> types = columnTypes(sql, predictions);
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("source", "VARCHAR");
      expected.put("entry", "VARCHAR");
      expected.put("relative_path", "VARCHAR");
      expected.put("image_sha256", "VARCHAR");
      expected.put("image_width", "INTEGER");
      expected.put("image_height", "INTEGER");
      expected.put("face_index", "INTEGER");
      expected.put("face_x", "FLOAT");
      expected.put("face_y", "FLOAT");
      expected.put("face_w", "FLOAT");
      expected.put("face_h", "FLOAT");
      expected.put("face_score", "FLOAT");
      expected.put("face_landmarks", "FLOAT[]");
      expected.put("age_pred", "INTEGER");
      expected.put("age_expected", "DOUBLE");
      expected.put("age_probs", "FLOAT[]");
      expected.put("gender_pred", "VARCHAR");
      expected.put("gender_confidence", "FLOAT");
      expected.put("gender_probs", "FLOAT[]");
      expected.put("race_pred", "VARCHAR");
      expected.put("race_confidence", "FLOAT");
      expected.put("race_probs", "FLOAT[]");
      expected.put("label_age", "INTEGER");
      expected.put("label_age_min", "INTEGER");
      expected.put("label_age_max", "INTEGER");
      expected.put("label_gender", "VARCHAR");
      expected.put("label_race", "VARCHAR");
      assertEquals(expected, types);
      String from = " FROM read_parquet('" + predictions + "')";
      assertEquals(corpusRows + 3, count(sql, "SELECT count(*)" + from));
      assertEquals(
          corpusRows + 3,
          count(
              sql,
              "SELECT count(*)"
                  + from
                  + " WHERE len(age_probs) = 115 AND len(race_probs) = 5"
                  + " AND abs(list_sum(gender_probs) - 1) < 1e-5 AND face_x IS NULL AND face_index = 0"));
      assertEquals(
          3,
          count(
              sql,
              "SELECT count(*)"
                  + from
                  + " WHERE label_age IS NOT NULL AND label_gender IS NOT NULL"));
      // the EXIF-rotated corpus image is reported upright: 24 wide, 40 high
      assertEquals(
          1,
          count(
              sql,
              "SELECT count(*)"
                  + from
                  + " WHERE source LIKE '%exif-rotate-90.jpg'"
                  + " AND image_width = 24 AND image_height = 40"));
      assertEquals(
          BadInputs.EXPECTED.stream().filter(e -> e.stage() == null && e.entry() != null).count(),
          count(sql, "SELECT count(*)" + from + " WHERE entry IS NOT NULL"));

      // the relative path is the label key: below the folder, or the entry inside an archive
      assertEquals(
          1,
          count(
              sql,
              "SELECT count(*)"
                  + from
                  + " WHERE relative_path = 'exif-rotate-90.jpg' AND entry IS NULL"));
      assertEquals(
          0,
          count(
              sql,
              "SELECT count(*)" + from + " WHERE entry IS NOT NULL AND relative_path <> entry"));

      Path dead = out.resolve("dead_letters.parquet");
      assertEquals(
          List.of(
              "source",
              "entry",
              "relative_path",
              "image_sha256",
              "stage",
              "error_class",
              "message",
              "label_age",
              "label_age_min",
              "label_age_max",
              "label_gender",
              "label_race"),
          List.copyOf(columnTypes(sql, dead).keySet()));
      String deadFrom = " FROM read_parquet('" + dead + "')";
      assertEquals(corpus - corpusRows, count(sql, "SELECT count(*)" + deadFrom));
      // a file that was read but not decoded is joined by its content hash as well
      assertEquals(
          ContentHash.sha256Hex(Files.readAllBytes(TestData.bad().resolve("truncated.jpg"))),
          text(
              sql,
              "SELECT image_sha256"
                  + deadFrom
                  + " WHERE relative_path = 'truncated.jpg' AND stage = 'DECODE'"));
      assertEquals(
          0,
          count(
              sql,
              "SELECT count(*)"
                  + deadFrom
                  + " WHERE stage IN ('READ', 'ARCHIVE') AND image_sha256 IS NOT NULL"));
      assertEquals(
          2,
          count(
              sql,
              "SELECT count(*)"
                  + deadFrom
                  + " WHERE stage = 'ARCHIVE' AND error_class = 'UnsafeEntryName'"));
      assertEquals(1, count(sql, "SELECT count(*)" + deadFrom + " WHERE entry = '../escape.jpg'"));

      for (Path file : List.of(predictions, dead)) {
        try (ResultSet rs =
            sql.executeQuery(
                "SELECT decode(value) FROM parquet_kv_metadata('"
                    + file
                    + "') WHERE decode(key) = 'dmtl.run'")) {
          assertTrue(rs.next(), "footer of " + file.getFileName() + " has dmtl.run");
          RunProvenance footer = RunProvenance.fromFooter(rs.getString(1), file.toString());
          assertEquals(request.runId(), footer.runId());
          assertEquals(manifest.provenance().model(), footer.model());
          assertEquals("utkface", footer.options().path("labels").asText());
          assertEquals(4, footer.options().path("batch_size").asInt());
        }
      }
    }
  }

  @Test
  void aFailedRunLeavesNothingThatLooksComplete() throws Exception {
    Path model = Fixtures.writeModel(tmp);
    Path out = Files.createDirectories(tmp.resolve("out"));
    InferRequest request =
        InferRequest.of(List.of(Fixtures.samples(2).get(0).toString()), out.toString())
            .withModel(model.toString())
            .withRunner(RunnerKind.DIRECT, 1);
    // A file where the run's temporary folder must go: creating and locking it fails (IOException).
    Files.writeString(out.resolve(".dmtl-incomplete-" + request.runId()), "in the way");
    assertThrows(java.io.IOException.class, () -> InferJob.run(request));
    assertEquals(List.of(), listing(out));
  }

  @Test
  void aPreviousResultIsNotOverwrittenUnlessAsked() throws Exception {
    Path model = Fixtures.writeModel(tmp);
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("manifest.json"), "{}");
    InferRequest request =
        InferRequest.of(List.of(Fixtures.samples(1).get(0).toString()), out.toString())
            .withModel(model.toString())
            .withRunner(RunnerKind.DIRECT, 1);
    InvalidRunException e = assertThrows(InvalidRunException.class, () -> InferJob.run(request));
    assertTrue(e.getMessage().contains("already holds a result (manifest.json)"), e.getMessage());
    assertTrue(e.getMessage().endsWith("pass --overwrite"), e.getMessage());
    assertEquals("{}", Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void userErrorsAreCaughtBeforeThePipelineStarts() throws Exception {
    Path model = Fixtures.writeModel(tmp);
    String out = tmp.resolve("out").toString();
    InvalidRunException missing =
        assertThrows(
            InvalidRunException.class,
            () ->
                InferJob.run(
                    InferRequest.of(List.of(tmp.resolve("nope.jpg").toString()), out)
                        .withModel(model.toString())));
    assertTrue(missing.getMessage().startsWith("input not found: "), missing.getMessage());
    InvalidRunException noModel =
        assertThrows(
            InvalidRunException.class,
            () ->
                InferJob.run(
                    InferRequest.of(List.of(model.toString()), out)
                        .withModel(tmp.resolve("missing.onnx").toString())));
    assertTrue(noModel.getMessage().startsWith("model file not found: "), noModel.getMessage());
    assertThrows(
        dev.dmtl.contract.model.ContractViolationException.class,
        () ->
            InferJob.run(
                InferRequest.of(List.of(model.toString()), out)
                    .withModel(
                        dev.dmtl.testdata.TinyModels.broken(
                                dev.dmtl.testdata.TinyModels.Defect.FIXED_BATCH)
                            .writeTo(tmp.resolve("fixed.onnx"))
                            .toString())));
    assertFalse(Files.exists(tmp.resolve("out")), "nothing is created for a run that cannot start");
  }

  private static String text(Statement sql, String query) throws Exception {
    try (ResultSet rs = sql.executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getString(1);
    }
  }
}
