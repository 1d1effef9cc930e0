package dev.dmtl.audit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorstErrorsTest {

  private static final List<AuditedTask> TASKS =
      List.of(
          new AuditedTask(
              new TaskSpec("age", TaskKind.ORDINAL, null, List.of(), List.of()),
              List.of("0-9", "10+")),
          new AuditedTask(
              TaskSpec.nominal("gender", null, List.of("male", "female")),
              List.of("male", "female")),
          new AuditedTask(
              TaskSpec.nominal(
                  "race", null, List.of("white", "black", "asian", "indian", "others")),
              List.of("white", "black", "asian", "indian", "others")));

  /** The pipeline's schema with label columns, without the probability lists. */
  private static final Schema SCHEMA = SyntheticRun.predictionSchema(false, true);

  @TempDir Path dir;

  /**
   * source, entry, face, label age/gender/race, predicted age rank/expected, gender+conf,
   * race+conf.
   */
  private static GenericRecord row(
      String source,
      String entry,
      int face,
      float score,
      Integer age,
      String gender,
      String race,
      int ageRank,
      double ageExpected,
      String genderPred,
      float genderConf,
      String racePred,
      float raceConf) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.RELATIVE_PATH, entry != null ? entry : source);
    r.put(PredictionColumns.IMAGE_SHA256, "0".repeat(64));
    r.put(PredictionColumns.IMAGE_WIDTH, 200);
    r.put(PredictionColumns.IMAGE_HEIGHT, 200);
    r.put(PredictionColumns.ENTRY, entry);
    r.put(PredictionColumns.FACE_INDEX, face);
    r.put(PredictionColumns.FACE_X, 10f);
    r.put(PredictionColumns.FACE_Y, 20f);
    r.put(PredictionColumns.FACE_W, 100f);
    r.put(PredictionColumns.FACE_H, 120f);
    r.put(PredictionColumns.FACE_SCORE, score);
    r.put(PredictionColumns.predicted("age"), ageRank);
    r.put(PredictionColumns.expected("age"), ageExpected);
    r.put(PredictionColumns.predicted("gender"), genderPred);
    r.put(PredictionColumns.confidence("gender"), genderConf);
    r.put(PredictionColumns.predicted("race"), racePred);
    r.put(PredictionColumns.confidence("race"), raceConf);
    r.put(PredictionColumns.label("age"), age);
    r.put(PredictionColumns.label("gender"), gender);
    r.put(PredictionColumns.label("race"), race);
    return r;
  }

  private Path write(GenericRecord... rows) throws Exception {
    Path file = dir.resolve("p.parquet");
    try (ParquetRowWriter w = ParquetRowWriter.to(file, SCHEMA, Map.of())) {
      for (GenericRecord r : rows) {
        w.write(r);
      }
    }
    return file;
  }

  @Test
  void picksTheLargestAgeErrorsAndTheMostConfidentWrongAnswers() throws Exception {
    Path file =
        write(
            row("a.jpg", null, 0, 0.9f, 30, "male", "white", 45, 44.0, "male", 0.9f, "black", 0.8f),
            row(
                "b.jpg", null, 0, 0.9f, 60, "female", "asian", 40, 41.0, "male", 0.95f, "asian",
                0.9f),
            row(
                "c.jpg", null, 0, 0.9f, 10, "female", "black", 12, 11.5, "male", 0.6f, "white",
                0.99f),
            row(
                "x.zip", "d.jpg", 0, 0.9f, null, null, null, 90, 90.0, "male", 0.99f, "white",
                0.99f),
            row(
                "e.jpg", null, 0, 0.9f, 25, "male", "indian", 5, 6.0, "male", 0.7f, "indian",
                0.7f));
    List<WorstError> worst = WorstErrors.select(List.of(file), TASKS, AuditOptions.defaults(), 2);
    assertEquals(6, worst.size());
    // age: b and e both 20 years off; the tie goes to the smaller address
    assertEquals("b.jpg", worst.get(0).ref().source());
    assertEquals(-20, worst.get(0).errorYears(), 0);
    assertEquals("60", worst.get(0).truth());
    assertEquals("40", worst.get(0).prediction());
    assertEquals(1, worst.get(0).rank());
    assertEquals("e.jpg", worst.get(1).ref().source());
    assertEquals(2, worst.get(1).rank());
    // gender: wrong answers by confidence
    assertEquals("b.jpg", worst.get(2).ref().source());
    assertEquals(0.95, worst.get(2).confidence(), 1e-6);
    assertEquals("c.jpg", worst.get(3).ref().source());
    assertTrue(Double.isNaN(worst.get(3).errorYears()));
    // race
    assertEquals("c.jpg", worst.get(4).ref().source());
    assertEquals("black", worst.get(4).truth());
    assertEquals("white", worst.get(4).prediction());
    assertEquals("a.jpg", worst.get(5).ref().source());
    // the face box travels with the reference
    assertEquals(new FaceRef.Box(10, 20, 100, 120), worst.get(0).ref().box());
  }

  @Test
  void usesTheAgePredictionTheAuditUsed() throws Exception {
    Path file =
        write(
            row("a.jpg", null, 0, 0.9f, 30, "male", "white", 45, 31.0, "male", 0.9f, "white", 0.8f),
            row(
                "b.jpg", null, 0, 0.9f, 60, "female", "asian", 59, 40.5, "female", 0.95f, "asian",
                0.9f));
    List<WorstError> worst =
        WorstErrors.select(
            List.of(file),
            TASKS.subList(0, 1),
            AuditOptions.defaults().withAgePrediction(AgePrediction.EXPECTED),
            1);
    assertEquals("b.jpg", worst.get(0).ref().source());
    assertEquals(-19.5, worst.get(0).errorYears(), 1e-9);
    assertEquals("40.50", worst.get(0).prediction());
  }

  @Test
  void withUtkFaceNamesOnlyTheBestFaceOfAnImageCounts() throws Exception {
    // the name says a 30-year-old white man; face 0 is a background face (lower score) with a wild
    // age
    Path file =
        write(
            row(
                "/d/30_0_0_20170101000000000.jpg.chip.jpg",
                null,
                0,
                0.7f,
                null,
                null,
                null,
                80,
                80,
                "female",
                0.99f,
                "black",
                0.99f),
            row(
                "/d/30_0_0_20170101000000000.jpg.chip.jpg",
                null,
                1,
                0.95f,
                null,
                null,
                null,
                33,
                33,
                "male",
                0.9f,
                "white",
                0.9f),
            row(
                "/d/50_1_2_20170101000000001.jpg.chip.jpg",
                null,
                0,
                0.9f,
                null,
                null,
                null,
                40,
                40,
                "male",
                0.8f,
                "asian",
                0.8f));
    List<WorstError> worst =
        WorstErrors.select(
            List.of(file),
            TASKS,
            AuditOptions.defaults().withLabelSource(LabelOrigin.UTKFACE_NAMES),
            5);
    List<WorstError> age = worst.stream().filter(w -> w.task().equals("age")).toList();
    assertEquals(2, age.size());
    assertEquals("/d/50_1_2_20170101000000001.jpg.chip.jpg", age.get(0).ref().source());
    assertEquals(
        1, age.get(1).ref().faceIndex(), "face 1, the best face, not the background face 0");
    List<WorstError> gender = worst.stream().filter(w -> w.task().equals("gender")).toList();
    assertEquals(1, gender.size(), "only the 50-year-old woman is misread");
    assertNull(gender.get(0).ref().entry());
  }
}
