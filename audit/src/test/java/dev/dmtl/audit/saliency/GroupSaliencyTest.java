package dev.dmtl.audit.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.input.IncompatibleInputsException;
import dev.dmtl.audit.io.AuditCsv;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.result.SaliencyGroup;
import dev.dmtl.audit.result.SaliencyRegion;
import dev.dmtl.audit.result.SaliencySubset;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.PredictionSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group saliency on four hand-made faces with 2 × 2 maps: means by hand, region shares by an
 * independent computation (sampling the crop on a fine grid of points, not the cell overlap the
 * code uses).
 */
class GroupSaliencyTest {

  @TempDir static Path dir;
  private static AuditResult result;
  private static AuditResult withoutMaps;

  /** A 100 × 100 template: eyes (30, 40) and (70, 40), nose (50, 60), mouth (35, 75), (65, 75). */
  private static final FaceTemplate TEMPLATE =
      new FaceTemplate(
          100,
          100,
          List.of(
              new FaceTemplate.Point(30, 40),
              new FaceTemplate.Point(70, 40),
              new FaceTemplate.Point(50, 60),
              new FaceTemplate.Point(35, 75),
              new FaceTemplate.Point(65, 75)));

  /** true gender, predicted gender, true age, predicted age, gender map, age map. */
  private static final Object[][] FACES = {
    {"female", "female", 30, 32, new float[] {1, 1, 0, 2}, new float[] {-1, 3, 0, 1}},
    {"female", "male", 40, 50, new float[] {2, 0, 0, 2}, new float[] {0, 0, 0, 0}},
    {"male", "male", 20, 21, new float[] {0, 0, 4, 0}, new float[] {1, 1, 1, 1}},
    {"male", "female", 60, 40, new float[] {-5, -5, -5, -5}, new float[] {2, 2, 0, 0}},
  };

  @BeforeAll
  static void audit() throws Exception {
    ModelContract contract =
        new ModelContract(
            new InputSpec("x", 100, 100, 255.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)),
            List.of(
                TaskSpec.ordinal("age", "age_out", IntStream.rangeClosed(1, 100).boxed().toList()),
                TaskSpec.nominal("gender", "gender_out", List.of("female", "male"))),
            TEMPLATE,
            Map.of(),
            null);
    ModelFile model = new ModelFile("m.onnx", "0".repeat(64), 1, "test", 17, contract);
    Map<String, String> footer =
        Map.of(
            RunProvenance.FOOTER_KEY,
            RunProvenance.of("r", "test", Instant.EPOCH, model, "test", Map.of()).toFooter());
    Path withMaps = dir.resolve("cams");
    Path plain = dir.resolve("plain");
    Files.createDirectories(withMaps);
    Files.createDirectories(plain);
    write(withMaps.resolve("predictions.parquet"), contract, footer, true);
    write(plain.resolve("predictions.parquet"), contract, footer, false);
    AuditOptions options = AuditOptions.defaults().withResamples(0).withMinGroupSize(1);
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    result = new Auditor(options, clock).audit(AuditInputs.discover(List.of(withMaps)));
    withoutMaps = new Auditor(options, clock).audit(AuditInputs.discover(List.of(plain)));
  }

  private static void write(
      Path file, ModelContract contract, Map<String, String> footer, boolean maps)
      throws Exception {
    Schema schema = PredictionSchema.predictions("m.onnx", contract, true, maps);
    try (ParquetRowWriter w = ParquetRowWriter.to(file, schema, footer)) {
      for (int i = 0; i < FACES.length; i++) {
        Object[] f = FACES[i];
        GenericRecord r = new GenericData.Record(schema);
        r.put(PredictionColumns.SOURCE, "/data/" + i + ".jpg");
        r.put(PredictionColumns.RELATIVE_PATH, i + ".jpg");
        r.put(PredictionColumns.IMAGE_SHA256, Integer.toString(i).repeat(64));
        r.put(PredictionColumns.IMAGE_WIDTH, 100);
        r.put(PredictionColumns.IMAGE_HEIGHT, 100);
        r.put(PredictionColumns.FACE_INDEX, 0);
        r.put(PredictionColumns.predicted("age"), f[3]);
        r.put(PredictionColumns.expected("age"), ((Integer) f[3]).doubleValue());
        r.put(PredictionColumns.probabilities("age"), floats(new float[99]));
        r.put(PredictionColumns.predicted("gender"), f[1]);
        r.put(PredictionColumns.confidence("gender"), 0.9f);
        r.put(PredictionColumns.probabilities("gender"), floats(new float[] {0.5f, 0.5f}));
        r.put(PredictionColumns.label("age"), f[2]);
        r.put(PredictionColumns.label("gender"), f[0]);
        if (maps) {
          r.put(PredictionColumns.CAM_METHOD, "occlusion");
          r.put(PredictionColumns.CAM_HEIGHT, 2);
          r.put(PredictionColumns.CAM_WIDTH, 2);
          r.put(PredictionColumns.cam("gender"), floats((float[]) f[4]));
          r.put(PredictionColumns.cam("age"), floats((float[]) f[5]));
        }
        w.write(r);
      }
    }
  }

  private static List<Float> floats(float[] values) {
    List<Float> out = new ArrayList<>();
    for (float v : values) {
      out.add(v);
    }
    return out;
  }

  private static SaliencyGroup map(String task, GroupKey group, SaliencySubset subset) {
    return result.saliency().map(task, group.id(), subset).orElseThrow();
  }

  private static void assertMean(double[] expected, SaliencyGroup g) {
    assertEquals(expected.length, g.mean().size());
    for (int c = 0; c < expected.length; c++) {
      assertEquals(expected[c], g.mean().get(c), 1e-6, "cell " + c);
    }
  }

  @Test
  void meansAreOfClampedMapsDividedByTheirSums() {
    Saliency s = result.saliency();
    assertNotNull(s);
    assertEquals("occlusion", s.method());
    assertEquals(2, s.height());
    assertEquals("model", s.templateSource());
    // gender: faces 1–3 (face 4's map is negative everywhere: left out)
    SaliencyGroup all = map("gender", GroupKey.OVERALL, SaliencySubset.ALL);
    assertEquals(3, all.n());
    assertMean(new double[] {0.75 / 3, 0.25 / 3, 1 / 3.0, 1 / 3.0}, all);
    GroupKey female = new GroupKey(Grouping.of("gender"), List.of("female"));
    assertMean(new double[] {0.375, 0.125, 0, 0.5}, map("gender", female, SaliencySubset.ALL));
    // right: faces 1 and 3; wrong: face 2
    assertMean(
        new double[] {0.125, 0.125, 0.5, 0.25},
        map("gender", GroupKey.OVERALL, SaliencySubset.CORRECT));
    assertMean(
        new double[] {0.5, 0, 0, 0.5}, map("gender", GroupKey.OVERALL, SaliencySubset.WRONG));
    assertEquals(1, map("gender", GroupKey.OVERALL, SaliencySubset.WRONG).n());
  }

  @Test
  void ageAnswersWithinFiveYearsAreRight() {
    // face 1 (error 2) and 3 (error 1) are right, face 4 (error 20) wrong; face 2's map is zero
    assertMean(
        new double[] {0.125, 0.5, 0.125, 0.25},
        map("age", GroupKey.OVERALL, SaliencySubset.CORRECT));
    assertMean(new double[] {0.5, 0.5, 0, 0}, map("age", GroupKey.OVERALL, SaliencySubset.WRONG));
    assertMean(
        new double[] {0.75 / 3, 1.5 / 3, 0.25 / 3, 0.5 / 3},
        map("age", GroupKey.OVERALL, SaliencySubset.ALL));
  }

  @Test
  void sharesMatchAnIndependentPointSampling() {
    Saliency s = result.saliency();
    for (SaliencyGroup g : s.maps()) {
      double face = 0;
      for (SaliencyRegion region : s.regions()) {
        double expected = sampled(region, g.mean());
        assertEquals(expected, g.share(region.name()), 2e-3, g.task() + " " + region.name());
        if (region.name().equals("face")) {
          face = expected;
        }
      }
      assertEquals(1 - face, g.share(Saliency.OUTSIDE_FACE), 2e-3);
    }
    // the regions by hand from the template (d = 40): face 8–92 × 10–100 px, eyes 10–90 × 24–50
    SaliencyRegion faceBox = s.regions().get(0);
    assertEquals(0.08, faceBox.left(), 1e-9);
    assertEquals(0.10, faceBox.top(), 1e-9);
    assertEquals(1.0, faceBox.bottom(), 1e-9);
    SaliencyRegion eyes = s.regions().get(1);
    assertEquals(0.24, eyes.top(), 1e-9);
    assertEquals(0.50, eyes.bottom(), 1e-9);
  }

  /** The mean map's mass inside the box, sampling each cell at 400 × 400 evenly spread points. */
  private static double sampled(SaliencyRegion r, List<Double> mean) {
    int per = 400;
    double total = 0;
    for (int cell = 0; cell < 4; cell++) {
      int row = cell / 2;
      int col = cell % 2;
      int inside = 0;
      for (int a = 0; a < per; a++) {
        for (int b = 0; b < per; b++) {
          double x = (col + (b + 0.5) / per) / 2;
          double y = (row + (a + 0.5) / per) / 2;
          if (x >= r.left() && x <= r.right() && y >= r.top() && y <= r.bottom()) {
            inside++;
          }
        }
      }
      total += mean.get(cell) * inside / (double) (per * per);
    }
    return total;
  }

  @Test
  void worstErrorExamplesFindTheirFacesMaps() throws Exception {
    dev.dmtl.audit.examples.FaceRef face =
        new dev.dmtl.audit.examples.FaceRef("/data/1.jpg", null, 0, null);
    Map<dev.dmtl.audit.examples.FaceRef, Map<String, dev.dmtl.audit.examples.ExampleMap>> maps =
        dev.dmtl.audit.examples.WorstErrors.maps(
            List.of(dir.resolve("cams").resolve("predictions.parquet")),
            List.of("age", "gender"),
            List.of(face));
    dev.dmtl.audit.examples.ExampleMap gender = maps.get(face).get("gender");
    assertEquals(List.of(2f, 0f, 0f, 2f), gender.values());
    assertEquals(List.of(0.5, 0.0, 0.0, 0.5), gender.shares());
    assertEquals("occlusion", gender.method());
    assertEquals(
        Map.of(),
        dev.dmtl.audit.examples.WorstErrors.maps(
            List.of(dir.resolve("plain").resolve("predictions.parquet")),
            List.of("gender"),
            List.of(face)));
  }

  @Test
  void filesWithoutMapsHaveNoSaliencySection() {
    assertNull(withoutMaps.saliency());
  }

  @Test
  void jsonAndCsvCarryTheSection() throws Exception {
    Path json = dir.resolve("audit.json");
    AuditJson.write(result, json, true);
    AuditResult back = AuditJson.read(json);
    assertEquals(result.saliency(), back.saliency());
    List<Path> written = AuditCsv.write(result, dir.resolve("csv"));
    Path csv = dir.resolve("csv").resolve(AuditCsv.SALIENCY);
    assertTrue(written.contains(csv));
    List<String> lines = Files.readAllLines(csv);
    assertEquals(
        "task,grouping,group,subset,n,method,face,eyes,nose,mouth,outside_face,r0c0,r0c1,r1c0,r1c1",
        lines.get(0));
    assertEquals(1 + result.saliency().maps().size(), lines.size());
    assertTrue(
        AuditCsv.write(withoutMaps, dir.resolve("plain-csv")).stream()
            .noneMatch(p -> p.endsWith(AuditCsv.SALIENCY)));
  }

  @Test
  void filesWithAndWithoutMapsAreRefusedAsIncompatibleInputs() {
    AuditOptions options = AuditOptions.defaults().withResamples(0).withMinGroupSize(1);
    IncompatibleInputsException e =
        assertThrows(
            IncompatibleInputsException.class,
            () ->
                new Auditor(options, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                    .audit(
                        AuditInputs.discover(List.of(dir.resolve("cams"), dir.resolve("plain")))));
    assertTrue(
        e.getMessage().startsWith("1 of 2 prediction files have saliency maps"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
