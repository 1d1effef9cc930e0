package dev.dmtl.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.contract.model.AgeBin;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.Readout;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.PredictionSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model in its own taxonomy (issue 24), audited on six hand-made faces: race through a label map
 * (four model labels onto the ground truth's five), age in three model bins. Expectations by hand.
 */
class OwnLayoutAuditTest {

  private static final List<String> MODEL_RACES = List.of("W", "EA", "SEA", "B");

  @TempDir static Path dir;
  private static AuditResult result;

  /** truth race, predicted model label, model probabilities, true bin, predicted bin. */
  private static final Object[][] FACES = {
    {"white", "W", new float[] {0.625f, 0.125f, 0.125f, 0.125f}, "20+", "20+"},
    {"asian", "SEA", new float[] {0.125f, 0.25f, 0.5f, 0.125f}, "10-19", "20+"},
    {"asian", "EA", new float[] {0.125f, 0.5f, 0.25f, 0.125f}, "0-9", "0-9"},
    {"black", "EA", new float[] {0.125f, 0.625f, 0.125f, 0.125f}, "20+", "10-19"},
    {"white", "B", new float[] {0.25f, 0.125f, 0.125f, 0.5f}, "20+", "20+"},
    {"black", "B", new float[] {0f, 0.125f, 0f, 0.875f}, "10-19", "10-19"},
  };

  @BeforeAll
  static void audit() throws Exception {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("W", "white");
    map.put("EA", "asian");
    map.put("SEA", "asian");
    map.put("B", "black");
    TaskSpec race =
        new TaskSpec(
            "race",
            null,
            "out",
            null,
            MODEL_RACES,
            Readout.NOMINAL,
            null,
            null,
            null,
            null,
            null,
            map);
    TaskSpec age =
        new TaskSpec(
            "age",
            null,
            "out2",
            null,
            List.of("0-9", "10-19", "20+"),
            Readout.BINNED,
            null,
            null,
            null,
            null,
            List.of(new AgeBin(0, 9), new AgeBin(10, 19), new AgeBin(20, 130)),
            null);
    ModelContract contract =
        new ModelContract(
            new InputSpec("x", 8, 8, 255.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)),
            List.of(race, age),
            null,
            Map.of(),
            null);
    ModelFile model = new ModelFile("m.onnx", "0".repeat(64), 1, "test", 17, contract);
    Map<String, String> footer =
        Map.of(
            RunProvenance.FOOTER_KEY,
            RunProvenance.of("r", "test", Instant.EPOCH, model, "test", Map.of()).toFooter());
    Schema schema = PredictionSchema.predictions("m.onnx", contract, true);
    Path file = dir.resolve("predictions.parquet");
    try (ParquetRowWriter w = ParquetRowWriter.to(file, schema, footer)) {
      for (int i = 0; i < FACES.length; i++) {
        Object[] f = FACES[i];
        float[] p = (float[]) f[2];
        GenericRecord r = new GenericData.Record(schema);
        r.put(PredictionColumns.SOURCE, "/data/" + i + ".jpg");
        r.put(PredictionColumns.RELATIVE_PATH, i + ".jpg");
        r.put(PredictionColumns.IMAGE_SHA256, Integer.toString(i).repeat(64));
        r.put(PredictionColumns.IMAGE_WIDTH, 8);
        r.put(PredictionColumns.IMAGE_HEIGHT, 8);
        r.put(PredictionColumns.FACE_INDEX, 0);
        r.put(PredictionColumns.predicted("race"), f[1]);
        r.put(PredictionColumns.confidence("race"), p[MODEL_RACES.indexOf((String) f[1])]);
        r.put(PredictionColumns.probabilities("race"), floats(p));
        r.put(PredictionColumns.label("race"), f[0]);
        r.put(PredictionColumns.predicted("age"), f[4]);
        r.put(PredictionColumns.confidence("age"), 1f);
        r.put(PredictionColumns.probabilities("age"), List.of(0f, 0f, 1f));
        r.put(PredictionColumns.label("age"), f[3]);
        w.write(r);
      }
    }
    result =
        new Auditor(
                AuditOptions.defaults().withResamples(0).withMinGroupSize(1),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .audit(AuditInputs.discover(List.of(file)));
  }

  private static List<Float> floats(float[] values) {
    List<Float> out = new ArrayList<>();
    for (float v : values) {
      out.add(v);
    }
    return out;
  }

  private static double overall(String task, Metric metric) {
    GroupResult g =
        result.groups().stream()
            .filter(x -> x.key().equals(GroupKey.OVERALL))
            .findFirst()
            .orElseThrow();
    return g.metric(new MetricKey(task, metric, null, null)).orElseThrow().estimate().value();
  }

  private static ConfusionMatrix overallMatrix(String task) {
    return result.confusionMatrices().stream()
        .filter(m -> m.group().equals(GroupKey.OVERALL) && m.task().equals(task))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void raceIsComparedThroughTheMapInTheGroundTruthsLabels() {
    // right: W→white, SEA→asian, EA→asian, B→black (faces 1, 2, 3, 6); wrong: 4 and 5
    assertEquals(4 / 6.0, overall("race", Metric.ACCURACY), 1e-12);
    ConfusionMatrix m = overallMatrix("race");
    assertEquals(List.of("white", "black", "asian", "indian", "others"), m.classes());
    assertArrayEquals(new long[] {1, 1, 0, 0, 0}, m.counts()[0]);
    assertArrayEquals(new long[] {0, 1, 1, 0, 0}, m.counts()[1]);
    assertArrayEquals(new long[] {0, 0, 2, 0, 0}, m.counts()[2]);
    // the declared task, map included, stays in the result; the compared labels are the truth's
    assertEquals("asian", result.tasks().get(0).task().labelMap().get("SEA"));
    assertEquals(
        List.of("white", "black", "asian", "indian", "others"), result.tasks().get(0).labels());
  }

  @Test
  void calibrationUsesTheSummedProbabilityOfThePredictedGroundTruthLabel() {
    // confidences after the map: 0.625 (right), 0.75 (right, 0.5 + 0.25), 0.75 (right),
    // 0.75 (wrong), 0.5 (wrong), 0.875 (right); ten equal-width bins:
    // [0.5,0.6) 1 face: |0 − 0.5|; [0.6,0.7) 1: |1 − 0.625|; [0.7,0.8) 3: |2/3 − 0.75|;
    // [0.8,0.9) 1: |1 − 0.875| → (0.5 + 0.375 + 3 × 1/12 + 0.125) / 6 = 5/24
    assertEquals(5 / 24.0, overall("race", Metric.ECE), 1e-6);
  }

  @Test
  void binnedAgeIsAccuracyOfTheTrueAgeInsideThePredictedBin() {
    assertEquals(4 / 6.0, overall("age", Metric.ACCURACY), 1e-12);
    ConfusionMatrix m = overallMatrix("age");
    assertEquals(List.of("0-9", "10-19", "20+"), m.classes());
    assertArrayEquals(new long[] {1, 0, 0}, m.counts()[0]);
    assertArrayEquals(new long[] {0, 1, 1}, m.counts()[1]);
    assertArrayEquals(new long[] {0, 1, 2}, m.counts()[2]);
  }
}
