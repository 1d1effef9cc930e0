package dev.dmtl.inference.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deletion test, small: on real UTKFace crops and the bundled model, greying the cells the map
 * calls most salient moves each task's answer more than greying as many random cells (averaged over
 * the faces). docs/BENCHMARKS.md has the fuller run.
 */
class DeletionTestOnRealFacesTest {

  // small enough for a few seconds on the bundled model; the margins seen are 2-7x, see BENCHMARKS
  private static final int FACES = 4;
  private static final List<Double> FRACTIONS = List.of(0.12, 0.24);

  @Test
  void salientCellsMatterMoreThanRandomOnes() throws Exception {
    byte[] bytes = BundledModel.read().orElse(null);
    assumeTrue(bytes != null, "this build bundles no default model");
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);
    try (DmtlModel model =
            DmtlModel.load(BundledModel.SOURCE, bytes, ModelOptions.CPU_SINGLE_THREAD);
        FacePredictor predictor = model.newPredictor();
        Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      AlignedFaceExtractor extractor = AlignedFaceExtractor.forInput(model.contract().input());
      OcclusionExplainer explainer =
          new OcclusionExplainer(predictor, OcclusionGrid.of(5), OcclusionExplainer.DEFAULT_BATCH);
      List<TaskSpec> tasks = model.contract().tasks();
      double[] salient = new double[tasks.size()];
      double[] random = new double[tasks.size()];
      for (Path file : files.sorted().limit(FACES).toList()) {
        RgbImage crop =
            extractor.extract(decoder.decode(Files.readAllBytes(file)).image()).get(0).crop();
        FaceExplanation e = explainer.explain(crop, tasks);
        for (int t = 0; t < tasks.size(); t++) {
          DeletionCurve curve = explainer.deletion(crop, tasks.get(t), e, FRACTIONS, 2, 11);
          salient[t] += curve.salientArea() / FACES;
          random[t] += curve.randomArea() / FACES;
        }
      }
      for (int t = 0; t < tasks.size(); t++) {
        String line =
            String.format(
                Locale.ROOT,
                "%s: salient %.4f vs random %.4f",
                tasks.get(t).name(),
                salient[t],
                random[t]);
        System.out.println("deletion test, " + line);
        assertTrue(salient[t] > random[t], line);
      }
    }
  }
}
