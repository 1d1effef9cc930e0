package dev.dmtl.inference.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.testdata.AnnotatedFace;
import dev.dmtl.testdata.Photos;
import dev.dmtl.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetectAndAlignTest {

  /**
   * How far an annotated landmark may land from its template point after alignment, in template
   * inter-ocular distances: YuNet's own landmark error (up to 0.16 inter-ocular distances on the
   * Hopper portrait) plus the residual of fitting five points with four parameters. Measured: at
   * most 0.17, the astronaut's mouth corner (her smile is wider than the template's mouth).
   */
  private static final double ALIGNMENT_TOLERANCE = 0.25;

  private static YuNetDetector detector;
  private static FaceTemplate utkTemplate;

  @BeforeAll
  static void open() throws IOException {
    detector = YuNetDetector.openBundled(DetectorOptions.defaults());
    utkTemplate =
        ContractMetadata.parseFaceTemplate(
            Files.readString(
                TestData.root().getParent().resolve("docs/face-template-utkface.json")));
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  private static ModelContract model(FaceTemplate template) {
    InputSpec input =
        new InputSpec("image", 64, 80, 255.0, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25));
    return new ModelContract(
        input,
        List.of(TaskSpec.nominal("gender", "gender_logits", List.of("male", "female"))),
        template,
        Map.of(),
        null);
  }

  @Test
  void theCommittedTemplateIsAValidContractTemplate() {
    assertEquals(200, utkTemplate.width());
    assertEquals(200, utkTemplate.height());
    List<FaceTemplate.Point> p = utkTemplate.points();
    assertTrue(p.get(0).x() < p.get(1).x() && p.get(3).x() < p.get(4).x(), "left before right");
    assertTrue(
        p.get(0).y() < p.get(2).y() && p.get(2).y() < p.get(3).y(), "eyes, nose, mouth from top");
    // it survives the contract's metadata round trip
    Map<String, String> metadata = ContractMetadata.toMetadata(model(utkTemplate));
    assertEquals(utkTemplate, ContractMetadata.fromMetadata(metadata).faceTemplate());
  }

  @Test
  void aModelWithoutTemplateGetsTheDefaultTemplateScaledToItsInput() throws Exception {
    DetectAndAlign align = DetectAndAlign.forModel(detector, model(null), "models/plain.onnx");
    FaceTemplate t = align.template();
    int w = model(null).input().width();
    assertEquals(FaceTemplate.defaultFor(w, model(null).input().height()), t);
    // ArcFace's left eye (38.2946 of 112) with a 10 % margin on each side
    assertEquals((0.1 + 0.8 * 38.2946 / 112) * w, t.points().get(0).x(), 1e-9);
    assertTrue(t.points().get(0).x() < t.points().get(1).x(), "left eye left of the right");
  }

  @Test
  void cropsHaveTheModelInputSizeAndComeBestFirst() throws Exception {
    // the shipped group photo at full size (--detect-size 1024), where all 29 faces are found
    RgbImage photo = ShippedPhotos.read(Photos.GROUP);
    try (YuNetDetector fullSize =
        YuNetDetector.openBundled(DetectorOptions.defaults().withMaxSide(1024))) {
      DetectAndAlign align = DetectAndAlign.forModel(fullSize, model(utkTemplate), "test");
      List<FaceCrop> crops = align.extract(photo);
      assertEquals(Photos.annotated(Photos.GROUP).faces().size(), crops.size());
      for (int i = 0; i < crops.size(); i++) {
        FaceCrop c = crops.get(i);
        assertEquals(i, c.faceIndex());
        assertEquals(80, c.crop().width());
        assertEquals(64, c.crop().height());
        if (i > 0) {
          assertTrue(crops.get(i - 1).detection().score() >= c.detection().score());
        }
      }
      // the batched path gives the same crops
      List<List<FaceCrop>> batched = align.extractAll(List.of(photo));
      assertEquals(crops.size(), batched.get(0).size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Photos.ASTRONAUT, Photos.HOPPER})
  void alignmentPutsTheAnnotatedLandmarksOnTheTemplate(String file) throws Exception {
    // The transform is fitted to YuNet's landmarks; checked here against the hand-made ones, which
    // it must carry onto the template's points: a sensible crop, upright and at the template's
    // scale.
    AnnotatedFace face = Photos.annotated(file).faces().get(0);
    DetectAndAlign align =
        new DetectAndAlign(detector, utkTemplate, 200, 200, CropResizer.BILINEAR);
    List<FaceCrop> crops = align.extract(ShippedPhotos.read(file));
    assertEquals(1, crops.size(), file);
    SimilarityTransform t = align.transform(crops.get(0).detection());
    List<FaceTemplate.Point> target = utkTemplate.points();
    double templateEyes =
        Math.hypot(target.get(1).x() - target.get(0).x(), target.get(1).y() - target.get(0).y());
    for (int i = 0; i < 5; i++) {
      AnnotatedFace.Point p = face.landmarks().get(i);
      double off =
          Math.hypot(
              t.applyX(p.x(), p.y()) - target.get(i).x(),
              t.applyY(p.x(), p.y()) - target.get(i).y());
      assertTrue(
          off <= ALIGNMENT_TOLERANCE * templateEyes,
          String.format("%s landmark %d lands %.1f px from the template point", file, i, off));
    }
    assertTrue(
        Math.abs(Math.toDegrees(t.rotation())) < 10,
        file + ": rotation " + Math.toDegrees(t.rotation()));
  }

  @Test
  void aPhotoWithoutFacesGivesAnEmptyList() throws Exception {
    byte[] black = new byte[100 * 80 * 3];
    DetectAndAlign align = new DetectAndAlign(detector, utkTemplate, 96, 96, CropResizer.BILINEAR);
    assertEquals(List.of(), align.extract(new RgbImage(100, 80, black)));
  }

  @Test
  void realigningUtkFaceCropsNearlyGivesThemBack() throws Exception {
    // held-out sample crops are already aligned: the fitted transform must be close to the identity
    DetectAndAlign align =
        new DetectAndAlign(detector, utkTemplate, 200, 200, CropResizer.BILINEAR);
    List<Path> crops;
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      crops = files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(20).toList();
    }
    int aligned = 0;
    for (Path p : crops) {
      RgbImage image = PhotoFiles.read(p);
      List<FaceCrop> faces = align.extract(image);
      if (faces.isEmpty()) {
        continue;
      }
      aligned++;
      SimilarityTransform t = align.transform(faces.get(0).detection());
      assertTrue(t.scale() > 0.8 && t.scale() < 1.25, p + ": scale " + t.scale());
      assertTrue(
          Math.abs(Math.toDegrees(t.rotation())) < 15,
          p + ": rotation " + Math.toDegrees(t.rotation()));
      assertTrue(
          Math.hypot(t.applyX(100, 100) - 100, t.applyY(100, 100) - 100) < 20,
          p + ": centre shift");
    }
    assertTrue(aligned >= 19, "faces found in only " + aligned + " of 20 UTKFace crops");
  }
}
