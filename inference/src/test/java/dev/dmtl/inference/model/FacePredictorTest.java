package dev.dmtl.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.decode.OutputDecoder;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.testdata.SyntheticImages;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModel;
import dev.dmtl.testdata.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FacePredictorTest {

  private static final TinyModel TINY = TinyModels.dmtl(7);
  private static DmtlModel model;
  private static List<FaceCrop> crops;

  @BeforeAll
  static void open() throws Exception {
    model = DmtlModel.load("tiny-7.onnx", TINY.bytes(), ModelOptions.CPU_SINGLE_THREAD);
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);
    AlignedFaceExtractor extractor = AlignedFaceExtractor.forInput(model.contract().input());
    crops = new ArrayList<>();
    crops.add(extractor.extract(decoder.decode(SyntheticImages.jpeg(90, 70)).image()).get(0));
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      for (Path p : files.sorted().limit(4).toList()) {
        crops.add(extractor.extract(decoder.decode(Files.readAllBytes(p)).image()).get(0));
      }
    }
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static float[] normalised(RgbImage crop) {
    InputNormalizer normalizer = new InputNormalizer(model.contract().input());
    float[] sample = new float[normalizer.sampleSize()];
    normalizer.write(crop, sample, 0);
    return sample;
  }

  @Test
  void logitsMatchAnIndependentForwardPass() throws Exception {
    try (FacePredictor predictor = model.newPredictor()) {
      List<FacePrediction> predictions = predictor.predict(crops);
      assertEquals(crops.size(), predictions.size());
      for (int i = 0; i < crops.size(); i++) {
        Map<String, float[]> expected = TINY.referenceLogits(normalised(crops.get(i).crop()));
        for (TaskSpec task : model.contract().tasks()) {
          float[] want = expected.get(task.name());
          float[] got = predictions.get(i).logits().get(task.name());
          assertEquals(want.length, got.length, task.name());
          for (int k = 0; k < want.length; k++) {
            assertEquals(
                want[k],
                got[k],
                1e-4 + 1e-4 * Math.abs(want[k]),
                task.name() + "[" + k + "] of face " + i);
          }
        }
      }
    }
  }

  @Test
  void predictionsAreDecodedByTheSharedDecoder() throws Exception {
    TaskSpec age = model.contract().task("age").orElseThrow();
    TaskSpec race = model.contract().task("race").orElseThrow();
    try (FacePredictor predictor = model.newPredictor()) {
      FacePrediction p = predictor.predict(crops.subList(0, 1)).get(0);
      assertEquals(
          OutputDecoder.decodeOrdinal(age, p.logits().get("age")).predictedRank(),
          p.ordinal("age").predictedRank());
      assertEquals(
          OutputDecoder.decodeNominal(race, p.logits().get("race")).label(),
          p.nominal("race").label());
      assertEquals(115, p.ordinal("age").thresholdProbabilities().length);
      assertEquals(2, p.nominal("gender").probabilities().length);
    }
  }

  @Test
  void aBatchGivesTheSameAnswersAsOneByOne() throws Exception {
    try (FacePredictor predictor = model.newPredictor()) {
      List<FacePrediction> batch = predictor.predict(crops);
      for (int i = 0; i < crops.size(); i++) {
        FacePrediction single = predictor.predict(List.of(crops.get(i))).get(0);
        assertEquals(
            single.ordinal("age").expectedRank(), batch.get(i).ordinal("age").expectedRank(), 1e-5);
        assertEquals(single.nominal("gender").label(), batch.get(i).nominal("gender").label());
      }
    }
  }

  @Test
  void cropsOfTheWrongSizeAreRejected() {
    try (FacePredictor predictor = model.newPredictor()) {
      FaceCrop wrong = new FaceCrop(0, null, new RgbImage(10, 10, new byte[300]));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> predictor.predict(List.of(wrong)));
      assertTrue(e.getMessage().contains("the model takes 64x64"), e.getMessage());
    }
  }

  @Test
  void brokenModelsAreRejectedBeforeLoading() {
    ContractViolationException e =
        assertThrows(
            ContractViolationException.class,
            () ->
                DmtlModel.load(
                    "wide.onnx",
                    TinyModels.broken(TinyModels.Defect.WRONG_OUTPUT_WIDTH).bytes(),
                    ModelOptions.CPU_SINGLE_THREAD));
    assertTrue(e.getMessage().startsWith("wide.onnx: "), e.getMessage());
    assertTrue(
        e.getMessage().contains("age_logits") && e.getMessage().contains("115"), e.getMessage());
  }

  @Test
  void gpuOnACpuBuildIsOneClearError() {
    DeviceUnavailableException e =
        assertThrows(
            DeviceUnavailableException.class,
            () -> DmtlModel.load("tiny.onnx", TINY.bytes(), new ModelOptions(Device.GPU, 1)));
    assertTrue(e.getMessage().startsWith("--device gpu: "), e.getMessage());
    assertTrue(e.getMessage().contains("CUDA"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line");
  }

  @Test
  void sharedModelsOpenEachModelOncePerJvm() throws Exception {
    TinyModel other = TinyModels.dmtl(8);
    String sha = dev.dmtl.contract.ContentHash.sha256Hex(other.bytes());
    int[] loads = {0};
    SharedModels.Loader loader =
        () -> {
          loads[0]++;
          return DmtlModel.load("tiny-8.onnx", other.bytes(), ModelOptions.CPU_SINGLE_THREAD);
        };
    DmtlModel first = SharedModels.get(sha, ModelOptions.CPU_SINGLE_THREAD, loader);
    DmtlModel second = SharedModels.get(sha, ModelOptions.CPU_SINGLE_THREAD, loader);
    assertSame(first, second);
    assertEquals(1, loads[0]);
    ContractViolationException changed =
        assertThrows(
            ContractViolationException.class,
            () -> SharedModels.get("0".repeat(64), ModelOptions.CPU_SINGLE_THREAD, loader));
    assertTrue(
        changed.getMessage().contains("the file changed during the run"), changed.getMessage());
  }
}
