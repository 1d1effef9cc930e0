package dev.dmtl.inference.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled detector with default options on the photos of ../shared/data/wild (skipped without it).
 * Detections against dlib's annotated boxes (the photos of testing.xml, whose landmarks are checked
 * here) are checked with the evaluation tool's matcher in the tools module
 * (DetectorOnAnnotatedPhotosTest).
 */
class YuNetDetectorTest {

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
    assumeTrue(wild != null && Files.isDirectory(wild), "../shared/data/wild is not available");
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
      "dogs.jpg, 0"})
  void findsTheFacesOfWildPhotos(String file, int faces) throws Exception {
    List<FaceDetection> found = detector.detect(Photos.read(wild().resolve(file)));
    assertEquals(faces, found.size(), file);
    for (int i = 1; i < found.size(); i++) {
      assertTrue(found.get(i - 1).score() >= found.get(i).score(), "faces are best first");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2008_002470.jpg", "2008_002506.jpg", "2008_004176.jpg", "2008_007676.jpg", "2009_004587.jpg"})
  void landmarksAreInTemplateOrder(String file) throws Exception {
    for (FaceDetection f : detector.detect(Photos.read(wild().resolve(file)))) {
      float[] lm = f.landmarks();
      // upright faces: left eye left of right eye, mouth corners likewise, eyes above nose above mouth
      assertTrue(lm[0] < lm[2] && lm[6] < lm[8], file + ": left/right order");
      assertTrue(lm[1] < lm[5] && lm[5] < lm[7], file + ": eyes, nose, mouth from top to bottom");
      assertTrue(f.x() <= lm[4] && lm[4] <= f.x() + f.width(), file + ": nose inside the box");
    }
  }

  @Test
  void aBatchGivesTheSameFacesAsSinglePhotos() throws Exception {
    Path wild = wild();
    List<RgbImage> photos = new ArrayList<>();
    for (String f : List.of("2008_002506.jpg", "dogs.jpg", "2009_004587.jpg", "2008_004176.jpg")) {
      photos.add(Photos.read(wild.resolve(f)));
    }
    assertTrue(detector.supportsBatches());
    List<List<FaceDetection>> batched = detector.detectBatch(photos);
    assertEquals(photos.size(), batched.size());
    for (int i = 0; i < photos.size(); i++) {
      List<FaceDetection> single = detector.detect(photos.get(i));
      assertEquals(single.size(), batched.get(i).size(), "photo " + i);
      for (FaceDetection s : single) {
        // same face (IoU > 0.95) with the same score up to float noise from the larger padded input
        assertTrue(batched.get(i).stream().anyMatch(b -> NonMaxSuppression.iou(s, b) > 0.95
            && Math.abs(b.score() - s.score()) < 1e-3), "photo " + i + " face " + s);
      }
    }
  }

  @Test
  void aBlankImageHasNoFace() throws Exception {
    byte[] grey = new byte[320 * 240 * 3];
    Arrays.fill(grey, (byte) 128);
    assertEquals(List.of(), detector.detect(new RgbImage(320, 240, grey)));
  }

  @Test
  void theFixedSizeModelAgreesWithTheBundledOne() throws Exception {
    Path fixed = TestData.shared().map(s -> s.resolve("models/yunet_s_640_640.onnx")).orElse(null);
    assumeTrue(fixed != null && Files.isRegularFile(fixed), "../shared/models is not available");
    RgbImage photo = Photos.read(wild().resolve("2008_002470.jpg"));
    try (YuNetDetector fixedSize = YuNetDetector.open(fixed, DetectorOptions.defaults())) {
      assertEquals(false, fixedSize.supportsBatches());
      List<FaceDetection> a = fixedSize.detect(photo);
      List<FaceDetection> b = detector.detect(photo);
      assertEquals(b.size(), a.size());
      for (FaceDetection f : a) {
        assertTrue(b.stream().anyMatch(g -> NonMaxSuppression.iou(f, g) > 0.9), "face " + f);
      }
    }
  }

  @Test
  void aFileThatIsNoModelFailsWithItsName(@TempDir Path dir) throws IOException {
    Path junk = dir.resolve("junk.onnx");
    Files.writeString(junk, "not a model");
    IOException e = assertThrows(IOException.class,
        () -> YuNetDetector.open(junk, DetectorOptions.defaults()));
    assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
  }

  @Test
  void goldenScoresAndBoxesPinThePreprocessing() throws Exception {
    // Recorded with this code (BGR, 0..255, top-left padding, ONNX Runtime 1.23.2 CPU). Feeding RGB
    // instead drops these scores by 0.02-0.04, a wrong pad or scale moves the boxes by pixels.
    List<FaceDetection> found = detector.detect(Photos.read(wild().resolve("2008_002506.jpg")));
    float[][] golden = {
        {0.9371f, 227.93f, 85.53f, 79.49f, 109.25f},
        {0.9281f, 116.69f, 45.50f, 89.70f, 116.07f},
        {0.9084f, 339.31f, 73.32f, 98.37f, 123.10f}};
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
