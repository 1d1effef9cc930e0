package dev.dmtl.inference.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two sanity checks of issue 21 §4 for exact class activation maps, small, on real UTKFace
 * crops of {@code testdata} and the bundled model (docs/BENCHMARKS.md, "Explanations", has the full
 * runs): the deletion test (greying the cells the CAM ranks highest moves each task's answer more
 * than greying random cells) and the model-randomisation test (the CAMs of a model whose task
 * branches are re-initialised do not resemble the trained model's, while the trained model's CAMs
 * survive a small pixel noise).
 */
class CamSanityOnRealFacesTest {

  private static final int FACES = 8;

  private static byte[] bytes;
  private static List<FaceCrop> faces;

  @BeforeAll
  static void load() throws Exception {
    bytes = BundledModel.read().orElse(null);
    assumeTrue(bytes != null, "this build bundles no default model");
    faces = SampleCrops.aligned(bytes, FACES);
  }

  @Test
  void deletionTestGreyingTheTopCamCellsMattersMoreThanRandomCells() throws Exception {
    try (DmtlModel model =
            DmtlModel.load(BundledModel.SOURCE, bytes, ModelOptions.CPU_SINGLE_THREAD);
        FacePredictor predictor = model.newPredictor()) {
      List<TaskSpec> tasks = model.contract().tasks();
      int grid = predictor.camGrid().get(tasks.get(0).name())[0];
      // the occlusion cells of a grid as fine as the map are the map's cells
      OcclusionExplainer explainer =
          new OcclusionExplainer(
              predictor, OcclusionGrid.of(grid), OcclusionExplainer.DEFAULT_BATCH);
      List<FacePrediction> predictions = predictor.predict(faces, true);
      double[] salient = new double[tasks.size()];
      double[] random = new double[tasks.size()];
      for (int i = 0; i < FACES; i++) {
        for (int t = 0; t < tasks.size(); t++) {
          TaskSpec task = tasks.get(t);
          DeletionCurve c =
              explainer.deletion(
                  faces.get(i).crop(),
                  task,
                  predictions.get(i),
                  predictions.get(i).maps().get(task.name()),
                  List.of(0.125, 0.25),
                  3,
                  11 + i);
          salient[t] += c.salientArea() / FACES;
          random[t] += c.randomArea() / FACES;
        }
      }
      for (int t = 0; t < tasks.size(); t++) {
        String line =
            String.format(
                Locale.ROOT,
                "CAM deletion test, %s: salient %.4f vs random %.4f",
                tasks.get(t).name(),
                salient[t],
                random[t]);
        System.out.println(line);
        // gender and race must pass; the age map (a signed Grad-CAM of the expected age) does not
        // reliably beat random cells under grey patches (docs/BENCHMARKS.md, "Explanations"), so
        // its numbers are printed, not asserted
        if (tasks.get(t).kind() == TaskKind.NOMINAL) {
          assertTrue(salient[t] > random[t], line);
        }
      }
    }
  }

  /**
   * Thresholds: the trained model's maps of a crop and of the crop with ±4 levels of pixel noise
   * have a mean Spearman correlation above 0.9 (they measured 0.97-0.99); with the heads or the
   * whole task branches re-initialised, the mean |Spearman| to the trained maps is below 0.6
   * (measured 0.16-0.54). 16 cells make |ρ| of unrelated maps about 0.2 on average, and any
   * network's 4 × 4 maps share some layout (padding at the border), so "near 0" is not expected.
   */
  @Test
  void randomisingTheTopLayersChangesTheMapsANoisyInputDoesNot() throws Exception {
    SpearmansCorrelation spearman = new SpearmansCorrelation();
    try (DmtlModel trained =
            DmtlModel.load(BundledModel.SOURCE, bytes, ModelOptions.CPU_SINGLE_THREAD);
        FacePredictor p0 = trained.newPredictor()) {
      List<FacePrediction> a = p0.predict(faces, true);
      List<FacePrediction> noisy = p0.predict(noisy(faces, 4, 3), true);
      for (TaskSpec task : trained.contract().tasks()) {
        double stable = meanCorrelation(spearman, a, noisy, task, false);
        System.out.printf(
            Locale.ROOT,
            "randomisation test, %s: mean Spearman trained vs noisy input %.3f%n",
            task.name(),
            stable);
        assertTrue(stable > 0.9, task.name() + ": " + stable);
      }
      for (ModelRandomisation.Scope scope :
          List.of(ModelRandomisation.Scope.HEADS, ModelRandomisation.Scope.BRANCHES)) {
        byte[] randomised = ModelRandomisation.randomise("bundled", bytes, scope, 20261207L);
        try (DmtlModel random =
                DmtlModel.load("randomised", randomised, ModelOptions.CPU_SINGLE_THREAD);
            FacePredictor p1 = random.newPredictor()) {
          List<FacePrediction> b = p1.predict(faces, true);
          for (TaskSpec task : trained.contract().tasks()) {
            double changed = meanCorrelation(spearman, a, b, task, true);
            String line =
                String.format(
                    Locale.ROOT,
                    "randomisation test, %s: mean |Spearman| trained vs %s re-initialised %.3f",
                    task.name(),
                    scope,
                    changed);
            System.out.println(line);
            assertTrue(changed < 0.6, line);
          }
        }
      }
    }
  }

  private static double meanCorrelation(
      SpearmansCorrelation spearman,
      List<FacePrediction> a,
      List<FacePrediction> b,
      TaskSpec task,
      boolean absolute) {
    double sum = 0;
    for (int i = 0; i < a.size(); i++) {
      double rho = spearman.correlation(values(a.get(i), task), values(b.get(i), task));
      sum += absolute ? Math.abs(rho) : rho;
    }
    return sum / a.size();
  }

  /** Per cell; an ordinal map by magnitude, as its deletion effect is an absolute change. */
  static double[] values(FacePrediction p, TaskSpec task) {
    float[] v = p.maps().get(task.name()).values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = task.kind() == TaskKind.ORDINAL ? Math.abs(v[i]) : v[i];
    }
    return out;
  }

  /** The crops with uniform noise of ±{@code levels} 8-bit levels per sample, seeded. */
  static List<FaceCrop> noisy(List<FaceCrop> crops, int levels, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FaceCrop> out = new ArrayList<>();
    for (FaceCrop c : crops) {
      byte[] px = c.crop().data().clone();
      for (int i = 0; i < px.length; i++) {
        int v = (px[i] & 0xff) + random.nextInt(-levels, levels + 1);
        px[i] = (byte) Math.max(0, Math.min(255, v));
      }
      out.add(
          new FaceCrop(
              c.faceIndex(), c.detection(), new RgbImage(c.crop().width(), c.crop().height(), px)));
    }
    return out;
  }
}
