package dev.dmtl.tools.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled detector at its defaults against dlib's annotated boxes of ../shared/data/wild
 * (skipped without it): the photos of testing.xml have no miss and no false alarm at IoU 0.5. The
 * full sweep is {@code dmtl-tools wild-detection}.
 */
class DetectorOnAnnotatedPhotosTest {

  @Test
  void everyAnnotatedFaceOfTheTestingPhotosIsFoundAndNothingElse() throws Exception {
    Path wild = TestData.shared().map(s -> s.resolve("data/wild")).orElse(null);
    assumeTrue(wild != null && Files.isDirectory(wild), "../shared/data/wild is not available");
    try (YuNetDetector detector = YuNetDetector.openBundled(DetectorOptions.defaults())) {
      for (DlibBoxes.AnnotatedImage image : DlibBoxes.read(wild.resolve("testing.xml"))) {
        List<FaceDetection> found = detector.detect(ImageFiles.read(wild.resolve(image.file())));
        DetectionMatch match = DetectionMatch.of(found, image.boxes(), WildDetectionEvaluation.MIN_IOU);
        assertEquals(0, match.misses(), image.file());
        assertEquals(0, match.falseAlarms(), image.file());
      }
    }
  }
}
