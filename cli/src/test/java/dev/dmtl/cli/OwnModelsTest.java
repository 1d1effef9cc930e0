package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.testdata.ForeignModels;
import dev.dmtl.testdata.ForeignModels.ForeignModel;
import dev.dmtl.testdata.Photos;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24: models in the layouts of real face-attribute models (InsightFace genderage, FairFace,
 * DeepFace age), described by spec files, through {@code dmtl contract} and through {@code dmtl run
 * --spec} (infer → audit → report) on the UTKFace sample.
 */
class OwnModelsTest {

  @TempDir Path tmp;

  @Test
  void contractWritesADescribedCopyAndPrintsWhatInspectPrints() throws Exception {
    ForeignModel m = ForeignModels.insightFaceGenderAge(1);
    Path model = m.writeTo(tmp.resolve("genderage.onnx"));
    Path described = tmp.resolve("described.onnx");
    Cli r =
        Cli.run(
            "contract",
            model.toString(),
            "--spec",
            m.spec().toString(),
            "-o",
            described.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertArrayEquals(m.bytes(), Files.readAllBytes(model), "the model itself is not changed");
    Cli inspect = Cli.run("inspect", described.toString());
    assertEquals(ExitCodes.OK, inspect.exitCode(), inspect.err());
    assertEquals(inspect.out(), r.out());
    assertTrue(r.out().contains("contract:    2"), r.out());
    assertTrue(
        r.out().contains("input:       'data' float32 NCHW [batch, 3, 96, 96] BGR"), r.out());
    assertTrue(
        r.out().contains("age        regression output 'fc1' slice [2, 3)  value x 100 + 0"),
        r.out());
  }

  @Test
  void aBadSpecIsOneLineNamingTheFieldExitThreeAndNothingWritten() throws Exception {
    ForeignModel m = ForeignModels.insightFaceGenderAge(1);
    Path model = m.writeTo(tmp.resolve("genderage.onnx"));
    String good = Files.readString(m.spec());
    String[][] cases = {
      {"\"name\": \"data\"", "\"name\": \"image\"", "input.name"},
      {
        "\"output\": \"fc1\", \"slice\": [2, 3]",
        "\"output\": \"fc9\", \"slice\": [2, 3]",
        "tasks[1].output"
      },
      {"\"slice\": [2, 3]", "\"slice\": [3, 4]", "tasks[1].slice"},
      {"\"scale\": 100.0, ", "", "tasks[1]: regression task 'age': scale is missing"},
      {
        "\"labels\": [\"female\", \"male\"]",
        "\"labels\": [\"female\", \"male\", \"other\"]",
        "tasks[0]: nominal task 'gender': slice [0, 2) is 2 wide but the task needs 3 values"
      },
      {
        "\"labels\": [\"female\", \"male\"]",
        "\"labels\": [\"female\", \"male\"], \"label_map\": {\"female\": \"female\"}",
        "label_map lacks model label 'male'"
      },
      {
        "\"labels\": [\"female\", \"male\"]",
        "\"labels\": [\"female\", \"male\"], \"label_map\": {\"female\": \"f\", \"male\": \"male\"}",
        "label_map maps 'female' to 'f', which is not a ground-truth label"
      },
    };
    for (String[] c : cases) {
      assertTrue(good.contains(c[0]), c[0]);
      Path spec = Files.writeString(tmp.resolve("bad.json"), good.replace(c[0], c[1]));
      Path out = tmp.resolve("never.onnx");
      Cli r =
          Cli.run("contract", model.toString(), "--spec", spec.toString(), "-o", out.toString());
      assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), c[2] + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(c[2]), c[2] + " not in: " + r.err());
      assertFalse(r.hasStackTrace(), r.err());
      assertFalse(Files.exists(out), "nothing written for " + c[2]);
      Path runOut = tmp.resolve("never-run");
      Cli run =
          Cli.run(
              "infer",
              "--runner",
              "direct",
              "-m",
              model.toString(),
              "--spec",
              spec.toString(),
              "-o",
              runOut.toString(),
              TestData.utkfaceSample().toString());
      assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), c[2] + ": " + run.err());
      assertTrue(run.err().contains(c[2]), c[2] + " not in: " + run.err());
      assertFalse(Files.exists(runOut), "nothing written for " + c[2]);
    }
  }

  @Test
  void aModelWithoutFaceTemplateDetectsFacesWithTheDefaultTemplateAndSaysSo() throws Exception {
    ForeignModel m = ForeignModels.insightFaceGenderAge(5);
    Path model = m.writeTo(tmp.resolve("genderage.onnx"));
    Path out = tmp.resolve("detect");
    Cli r =
        Cli.run(
            "infer",
            "-q",
            "--runner",
            "direct",
            "--faces",
            "detect",
            "-m",
            model.toString(),
            "--spec",
            m.spec().toString(),
            "-o",
            out.toString(),
            TestData.photos().resolve(Photos.ASTRONAUT).toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err() + r.out());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    JsonNode template = manifest.findValue("default_face_template");
    assertTrue(template != null && template.path("size").get(0).asInt() == 96, manifest.toString());
  }

  @Test
  void insightFaceLayoutRunsEndToEnd() throws Exception {
    JsonNode audit = runEndToEnd(ForeignModels.insightFaceGenderAge(2));
    assertEquals("labelled", audit.path("mode").asText());
  }

  @Test
  void fairFaceLayoutWithLabelMapsAndAgeBinsRunsEndToEnd() throws Exception {
    ForeignModel m = ForeignModels.fairFace(3);
    JsonNode audit = runEndToEnd(m);
    assertEquals("labelled", audit.path("mode").asText());
    JsonNode race = task(audit, "race");
    assertEquals("others", race.path("task").path("label_map").path("Middle Eastern").asText());
    assertEquals(
        "[\"white\",\"black\",\"asian\",\"indian\",\"others\"]", race.path("classes").toString());
    // compared through the map: every labelled face lands in the 5 x 5 matrix
    JsonNode raceMatrix = overallMatrix(audit, "race");
    assertEquals(5, raceMatrix.path("classes").size());
    assertTrue(total(raceMatrix) > 200, raceMatrix.toString());
    // binned age: a 9 x 9 matrix over the model's bins, and no MAE
    JsonNode ageMatrix = overallMatrix(audit, "age");
    assertEquals(9, ageMatrix.path("classes").size());
    assertEquals("70+", ageMatrix.path("classes").get(8).asText());
    assertTrue(total(ageMatrix) > 200, ageMatrix.toString());
    assertFalse(audit.path("groups").toString().contains("\"mae\""), "no MAE for binned age");
    String html = Files.readString(tmp.resolve(m.name()).resolve("report/report.html"));
    assertTrue(
        html.contains("through the model&#39;s label map")
            || html.contains("through the model's label map"),
        "method note on the label map");
    assertTrue(html.contains("true age lies inside the predicted bin"), "method note on the bins");
  }

  private static JsonNode task(JsonNode audit, String name) {
    for (JsonNode t : audit.path("tasks")) {
      if (t.path("task").path("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no task " + name + " in " + audit.path("tasks"));
  }

  private static JsonNode overallMatrix(JsonNode audit, String task) {
    for (JsonNode m : audit.path("confusion_matrices")) {
      if (m.path("task").asText().equals(task)) {
        return m;
      }
    }
    throw new AssertionError("no confusion matrix of " + task);
  }

  private static long total(JsonNode matrix) {
    long sum = 0;
    for (JsonNode row : matrix.path("counts")) {
      for (JsonNode v : row) {
        sum += v.asLong();
      }
    }
    return sum;
  }

  @Test
  void deepFaceLayoutRunsEndToEnd() throws Exception {
    JsonNode audit = runEndToEnd(ForeignModels.deepFaceAge(4));
    assertEquals("labelled", audit.path("mode").asText());
  }

  private JsonNode runEndToEnd(ForeignModel m) throws Exception {
    Path model = m.writeTo(tmp.resolve(m.name() + ".onnx"));
    String sha = ContentHash.sha256Hex(m.bytes());
    Path out = tmp.resolve(m.name());
    Cli r =
        Cli.run(
            "run",
            "-q",
            "--runner",
            "direct",
            "-p",
            "2",
            "-m",
            model.toString(),
            "--spec",
            m.spec().toString(),
            "--labels",
            "utkface",
            "--resamples",
            "0",
            "-o",
            out.toString(),
            TestData.utkfaceSample().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err() + r.out());
    assertFalse(r.hasStackTrace(), r.err());
    assertArrayEquals(m.bytes(), Files.readAllBytes(model), "the audited file is not changed");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(sha, manifest.findValue("sha256").asText(), manifest.toString());
    assertTrue(manifest.toString().contains(m.spec().toString()), "the spec is named");
    assertTrue(Files.isRegularFile(out.resolve("report/report.html")));
    JsonNode audit = new ObjectMapper().readTree(out.resolve("audit/audit.json").toFile());
    assertEquals(sha, audit.path("provenance").path("model_sha256").asText());
    assertEquals(
        ContentHash.sha256Hex(Files.readAllBytes(m.spec())),
        audit.path("provenance").path("model_spec").path("sha256").asText(),
        "the audit names the spec the model ran under");
    return audit;
  }
}
