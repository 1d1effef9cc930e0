package dev.dmtl.tools.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.testdata.DetectionMatch;
import dev.dmtl.testdata.DlibBoxes;
import dev.dmtl.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opt-in: the bundled detector with default options on the 12 photos of ../shared/data/wild (dlib
 * examples, PASCAL VOC; 43 annotated faces), which the detection quality numbers in
 * docs/BENCHMARKS.md come from. Those photos may not be shipped, so a clone without ../shared skips
 * this class; the inference module's YuNetDetectorTest covers the same behaviour on the shipped
 * photos. The full sweep of thresholds is {@code dmtl-tools wild-detection}.
 */
class WildPhotosQualityTest {

  private static YuNetDetector detector;

  @BeforeAll
  static void open() throws IOException {
    detector = YuNetDetector.openBundled(DetectorOptions.defaults());
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  private static Path wild() {
    Path wild = TestData.shared().map(s -> s.resolve("data/wild")).orElse(null);
    assumeTrue(
        wild != null && Files.isDirectory(wild),
        "../shared/data/wild is not available: the 43-face "
            + "quality check runs only where ../shared is beside the checkout (testdata/photos covers detection everywhere)");
    return wild;
  }

  @ParameterizedTest(name = "{0}: {1} faces")
  @CsvSource({
    "2008_002470.jpg, 6",
    "2008_002506.jpg, 3",
    "2009_004587.jpg, 2",
    "2008_004176.jpg, 7",
    "Tom_Cruise_avp_2014_4.jpg, 1",
    "bald_guys.jpg, 24",
    "dogs.jpg, 0"
  })
  void findsTheFacesOfWildPhotos(String file, int faces) throws Exception {
    List<FaceDetection> found = detector.detect(ImageFiles.read(wild().resolve(file)));
    assertEquals(faces, found.size(), file);
    for (int i = 1; i < found.size(); i++) {
      assertTrue(found.get(i - 1).score() >= found.get(i).score(), "faces are best first");
    }
  }

  @Test
  void boxesMatchTheDlibAnnotationsAndLandmarksAreInTemplateOrder() throws Exception {
    Path wild = wild();
    for (DlibBoxes.AnnotatedImage image : DlibBoxes.read(wild.resolve("testing.xml"))) {
      List<FaceDetection> found = detector.detect(ImageFiles.read(wild.resolve(image.file())));
      DetectionMatch<FaceDetection> match =
          WildDetectionEvaluation.match(found, image.boxes(), WildDetectionEvaluation.MIN_IOU);
      assertEquals(0, match.misses(), image.file());
      assertEquals(0, match.falseAlarms(), image.file());
      for (FaceDetection f : found) {
        float[] lm = f.landmarks();
        // upright faces: left eye left of right eye, mouth corners likewise, eyes above nose above
        // mouth
        assertTrue(lm[0] < lm[2] && lm[6] < lm[8], image.file() + ": left/right order");
        assertTrue(
            lm[1] < lm[5] && lm[5] < lm[7],
            image.file() + ": eyes, nose, mouth from top to bottom");
        assertTrue(
            f.x() <= lm[4] && lm[4] <= f.x() + f.width(), image.file() + ": nose inside the box");
      }
    }
  }

  @Test
  void goldenScoresAndBoxesOfAWildPhoto() throws Exception {
    // Recorded with this code (BGR, 0..255, top-left padding, ONNX Runtime 1.23.2 CPU) before the
    // shipped photos existed; kept as a second pin of the preprocessing on a PASCAL VOC photo.
    List<FaceDetection> found = detector.detect(ImageFiles.read(wild().resolve("2008_002506.jpg")));
    float[][] golden = {
      {0.9371f, 227.93f, 85.53f, 79.49f, 109.25f},
      {0.9281f, 116.69f, 45.50f, 89.70f, 116.07f},
      {0.9084f, 339.31f, 73.32f, 98.37f, 123.10f}
    };
    assertEquals(golden.length, found.size());
    for (int i = 0; i < golden.length; i++) {
      FaceDetection f = found.get(i);
      assertEquals(golden[i][0], f.score(), 0.002, "score " + i);
      assertEquals(golden[i][1], f.x(), 0.1, "x " + i);
      assertEquals(golden[i][2], f.y(), 0.1, "y " + i);
      assertEquals(golden[i][3], f.width(), 0.1, "width " + i);
      assertEquals(golden[i][4], f.height(), 0.1, "height " + i);
    }
    assertEquals(245.12f, found.get(0).landmarks()[0], 0.1f);
    assertEquals(164.73f, found.get(0).landmarks()[9], 0.1f);
  }
}
