package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.testdata.Photos;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModels;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmtl explain} end to end with a tiny real ONNX model: outputs, skips, exit codes. */
class ExplainCommandTest {

  @TempDir Path tmp;

  private Path model() throws Exception {
    return TinyModels.dmtl(5).writeTo(tmp.resolve("tiny.onnx"));
  }

  private static List<Path> sample(int n) throws Exception {
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      return files.sorted().limit(n).toList();
    }
  }

  @Test
  void overlaysAndNumbersForEveryFaceAndACorruptFileIsSkipped() throws Exception {
    List<Path> faces = sample(2);
    Path broken = TestData.bad().resolve("bitflip-header.jpg");
    Path out = tmp.resolve("out");
    Cli r =
        Cli.run(
            "explain",
            faces.get(0).toString(),
            broken.toString(),
            faces.get(1).toString(),
            "-m",
            model().toString(),
            "-o",
            out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertFalse(r.hasStackTrace(), r.err());
    assertTrue(
        r.out().startsWith("occlusion sensitivity: 2 face(s) of 2 image(s), 1 skipped"), r.out());
    assertTrue(r.err().contains("skipped " + broken + ": unreadable image"), r.err());

    try (Stream<Path> pngs = Files.list(out)) {
      List<Path> overlays = pngs.filter(p -> p.toString().endsWith(".png")).sorted().toList();
      assertEquals(2, overlays.size());
      for (Path png : overlays) {
        assertTrue(png.getFileName().toString().endsWith("-face0-occlusion-sensitivity.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 4 * 100 && image.getHeight() > 176, "four panels");
      }
    }

    JsonNode doc = DmtlJson.mapper().readTree(out.resolve("occlusion-sensitivity.json").toFile());
    assertEquals("occlusion sensitivity", doc.get("method").asText());
    assertEquals(2, doc.get("schema_version").asInt());
    assertEquals(7, doc.get("grid").asInt());
    assertEquals(2, doc.get("faces").size());
    assertEquals(1, doc.get("skipped").size());
    JsonNode age = doc.get("faces").get(0).get("tasks").get(0);
    assertEquals("age", age.get("task").asText());
    assertEquals("expected_rank_change", age.get("score").asText());
    assertEquals(7, age.get("values").size());
    assertEquals(7, age.get("values").get(6).size());
    assertEquals(
        "probability_drop", doc.get("faces").get(0).get("tasks").get(1).get("score").asText());

    List<String> csv =
        Files.readAllLines(out.resolve("occlusion-sensitivity.csv"), StandardCharsets.UTF_8);
    assertEquals("input,face_index,task,method,score,row,col,value", csv.get(0));
    assertEquals(1 + 2 * 3 * 49, csv.size());
    assertTrue(
        csv.get(1).contains(",age,occlusion sensitivity,expected_rank_change,0,0,"), csv.get(1));
  }

  @Test
  void oneTaskOnDetectedFacesAndAPhotoWithoutAFace() throws Exception {
    Path out = tmp.resolve("out");
    Cli r =
        Cli.run(
            "explain",
            Photos.file(Photos.NO_FACE).toString(),
            Photos.file(Photos.HOPPER).toString(),
            "--faces",
            "detect",
            "--task",
            "gender",
            "--grid",
            "4",
            "-m",
            model().toString(),
            "-o",
            out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.err().contains(Photos.NO_FACE + ": no face found"), r.err());
    JsonNode face =
        DmtlJson.mapper()
            .readTree(out.resolve("occlusion-sensitivity.json").toFile())
            .get("faces")
            .get(0);
    assertEquals(1, face.get("tasks").size());
    assertEquals("gender", face.get("tasks").get(0).get("task").asText());
    assertEquals(4, face.get("tasks").get(0).get("values").size());
    assertEquals(4, face.get("box").size(), "a detected face records its box");
  }

  @Test
  void nothingExplainableIsBadInputNamingTheFile() throws Exception {
    Path broken = TestData.bad().resolve("empty.jpg");
    Cli r =
        Cli.run(
            "explain",
            broken.toString(),
            "-m",
            model().toString(),
            "-o",
            tmp.resolve("o").toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
    assertFalse(r.hasStackTrace(), r.err());
    assertTrue(r.err().contains("no face could be explained"), r.err());
    assertTrue(r.err().contains(broken.toString()), r.err());
    assertFalse(Files.exists(tmp.resolve("o").resolve("occlusion-sensitivity.json")));
  }

  @Test
  void unknownTaskAndBadGridAreUsageErrors() throws Exception {
    String face = sample(1).get(0).toString();
    Cli task =
        Cli.run(
            "explain",
            face,
            "--task",
            "smile",
            "-m",
            model().toString(),
            "-o",
            tmp.resolve("a").toString());
    assertEquals(ExitCodes.USAGE, task.exitCode(), task.err());
    assertTrue(
        task.err().contains("unknown task 'smile': this model has age, gender, race"), task.err());
    Cli grid =
        Cli.run(
            "explain",
            face,
            "--grid",
            "1",
            "-m",
            model().toString(),
            "-o",
            tmp.resolve("b").toString());
    assertEquals(ExitCodes.USAGE, grid.exitCode(), grid.err());
    assertTrue(grid.err().contains("occlusion grid must be 2..64"), grid.err());
  }

  @Test
  void anEarlierResultIsKeptUnlessOverwriteIsGiven() throws Exception {
    String face = sample(1).get(0).toString();
    String m = model().toString();
    String out = tmp.resolve("out").toString();
    assertEquals(
        ExitCodes.OK, Cli.run("explain", face, "-m", m, "-o", out, "--grid", "3").exitCode());
    Cli again = Cli.run("explain", face, "-m", m, "-o", out, "--grid", "3");
    assertEquals(ExitCodes.BAD_INPUT, again.exitCode());
    assertTrue(again.err().contains("already holds occlusion-sensitivity.json"), again.err());
    assertEquals(
        ExitCodes.OK,
        Cli.run("explain", face, "-m", m, "-o", out, "--grid", "3", "--overwrite").exitCode());
  }

  @Test
  void theBundledModelGivesExactClassActivationMapsByDefault() throws Exception {
    List<Path> faces = sample(2);
    Path out = tmp.resolve("cam");
    Cli r =
        Cli.run("explain", faces.get(0).toString(), faces.get(1).toString(), "-o", out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(
        r.out().startsWith("class activation map: 2 face(s) of 2 image(s), 0 skipped"), r.out());
    assertTrue(r.out().contains("(4 x 4 feature map, 1 model evaluation(s) each)"), r.out());
    try (Stream<Path> pngs = Files.list(out)) {
      assertEquals(
          2, pngs.filter(p -> p.toString().endsWith("-face0-class-activation-map.png")).count());
    }
    JsonNode doc = DmtlJson.mapper().readTree(out.resolve("class-activation-maps.json").toFile());
    assertEquals("class activation map", doc.get("method").asText());
    assertEquals("cam", doc.get("method_id").asText());
    JsonNode gender = doc.get("faces").get(0).get("tasks").get(1);
    assertEquals("logit_contribution", gender.get("score").asText());
    assertEquals(4, gender.get("values").size());
    assertEquals(4, gender.get("values").get(0).size());
    List<String> csv =
        Files.readAllLines(out.resolve("class-activation-maps.csv"), StandardCharsets.UTF_8);
    assertEquals(1 + 2 * 3 * 16, csv.size());
    assertTrue(
        csv.get(1).contains(",age,class activation map,expected_rank_contribution,0,0,"),
        csv.get(1));

    Path occ = tmp.resolve("occ");
    Cli o =
        Cli.run(
            "explain",
            faces.get(0).toString(),
            "--method",
            "occlusion",
            "--grid",
            "3",
            "-o",
            occ.toString());
    assertEquals(ExitCodes.OK, o.exitCode(), o.err());
    assertTrue(Files.exists(occ.resolve("occlusion-sensitivity.json")));
  }

  @Test
  void camWithAModelWithoutFeatureMapsAndAnUnknownMethodAreRefused() throws Exception {
    String face = sample(1).get(0).toString();
    Cli cam =
        Cli.run(
            "explain",
            face,
            "--method",
            "cam",
            "-m",
            model().toString(),
            "-o",
            tmp.resolve("a").toString());
    assertEquals(ExitCodes.BAD_INPUT, cam.exitCode(), cam.err());
    assertFalse(cam.hasStackTrace(), cam.err());
    assertTrue(
        cam.err().contains("--method cam: ")
            && cam.err().contains("declares no feature maps (occlusion sensitivity only)")
            && cam.err().contains("use --method occlusion or auto"),
        cam.err());
    assertEquals(1, cam.err().strip().lines().count(), cam.err());
    Cli bogus =
        Cli.run(
            "explain",
            face,
            "--method",
            "gradcam",
            "-m",
            model().toString(),
            "-o",
            tmp.resolve("b").toString());
    assertEquals(ExitCodes.USAGE, bogus.exitCode(), bogus.err());
    assertTrue(
        bogus.err().contains("unknown --method 'gradcam': expected auto, cam or occlusion"),
        bogus.err());
  }
}
