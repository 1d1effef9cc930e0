package dev.dmtl.inference.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.FaceExtractor;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.testdata.SyntheticImages;
import dev.dmtl.testdata.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchAnalyzerTest {

  private static DmtlModel model;
  private static final ImageDecoder DECODER = new ImageDecoder(DecodeLimits.DEFAULTS);

  @BeforeAll
  static void open() throws Exception {
    model = DmtlModel.load("tiny.onnx", TinyModels.dmtl(3).bytes(), ModelOptions.CPU_SINGLE_THREAD);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void goodImagesArePredictedAndBadOnesFailAtTheirStage() throws Exception {
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      images.add(SyntheticImages.jpeg(50 + 10 * i, 60));
    }
    images.add(2, new byte[0]);
    images.add(4, "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    AlignedFaceExtractor extractor = AlignedFaceExtractor.forInput(model.contract().input());
    try (FacePredictor predictor = model.newPredictor()) {
      // batch size 2: five faces take three ONNX Runtime calls, the outcome must not depend on it
      List<ImageOutcome> outcomes =
          new BatchAnalyzer(DECODER, extractor, predictor, new BatchSize(2)).analyze(images);
      assertEquals(7, outcomes.size());
      assertEquals(
          Stage.DECODE, assertInstanceOf(ImageOutcome.Failed.class, outcomes.get(2)).stage());
      assertEquals(
          Stage.DECODE, assertInstanceOf(ImageOutcome.Failed.class, outcomes.get(4)).stage());
      for (int i : new int[] {0, 1, 3, 5, 6}) {
        ImageOutcome.Analyzed a = assertInstanceOf(ImageOutcome.Analyzed.class, outcomes.get(i));
        assertEquals(ContentHash.sha256Hex(images.get(i)), a.sha256());
        assertEquals(60, a.height());
        assertEquals(1, a.faces().size());
        assertNull(a.faces().get(0).detection());
        FacePrediction alone =
            predictor.predict(extractor.extract(DECODER.decode(images.get(i)).image())).get(0);
        assertEquals(
            alone.ordinal("age").expectedRank(),
            a.faces().get(0).prediction().ordinal("age").expectedRank(),
            1e-5);
      }
    }
  }

  @Test
  void extractorVerdictsBecomeDeadLetterStages() {
    FaceExtractor noFace = image -> List.of();
    FaceExtractor failing =
        image -> {
          throw new FaceExtractionException(Stage.ALIGN, "landmarks outside the image");
        };
    byte[] jpeg = SyntheticImages.jpeg(30, 30);
    try (FacePredictor predictor = model.newPredictor()) {
      ImageOutcome none =
          new BatchAnalyzer(DECODER, noFace, predictor, new BatchSize(4))
              .analyze(List.of(jpeg))
              .get(0);
      assertEquals(Stage.NO_FACE, assertInstanceOf(ImageOutcome.Failed.class, none).stage());
      ImageOutcome.Failed align =
          assertInstanceOf(
              ImageOutcome.Failed.class,
              new BatchAnalyzer(DECODER, failing, predictor, new BatchSize(4))
                  .analyze(List.of(jpeg))
                  .get(0));
      assertEquals(Stage.ALIGN, align.stage());
      assertEquals("FaceExtractionException", align.errorClass());
      assertEquals("landmarks outside the image", align.message());
    }
  }
}
