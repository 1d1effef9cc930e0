package dev.dmtl.inference.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Occlusion sensitivity on a tiny seeded model: the grid, the maps, their agreement with ORT. */
class OcclusionExplainerTest {

  private static DmtlModel model;
  private static FacePredictor predictor;
  private static RgbImage face;

  @BeforeAll
  static void open() throws Exception {
    model =
        DmtlModel.load("tiny-3.onnx", TinyModels.dmtl(3).bytes(), ModelOptions.CPU_SINGLE_THREAD);
    predictor = model.newPredictor();
    Path first;
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      first = files.sorted().findFirst().orElseThrow();
    }
    RgbImage image =
        new ImageDecoder(DecodeLimits.DEFAULTS).decode(Files.readAllBytes(first)).image();
    face = AlignedFaceExtractor.forInput(model.contract().input()).extract(image).get(0).crop();
  }

  @AfterAll
  static void close() {
    predictor.close();
    model.close();
  }

  @Test
  void cellsPartitionTheCrop() {
    // 64 px into 7 cells: edges 0, 9, 18, 27, 37, 46, 55, 64; every pixel greyed exactly once
    OcclusionGrid grid = new OcclusionGrid(7, 0);
    RgbImage white = new RgbImage(64, 64, filled(64 * 64 * 3, (byte) 255));
    int[] greyed = new int[64 * 64];
    for (int cell = 0; cell < grid.cells(); cell++) {
      byte[] px = grid.occlude(white, List.of(cell)).data();
      for (int i = 0; i < greyed.length; i++) {
        greyed[i] += px[i * 3] == 0 ? 1 : 0;
      }
    }
    for (int count : greyed) {
      assertEquals(1, count);
    }
    byte[] corner = grid.occlude(white, List.of(0)).data();
    assertEquals(0, corner[(8 * 64 + 8) * 3]);
    assertEquals((byte) 255, corner[(9 * 64 + 9) * 3]);
  }

  @Test
  void everyCellIsTheEffectOfGreyingIt() throws Exception {
    OcclusionExplainer explainer = new OcclusionExplainer(predictor, OcclusionGrid.of(7), 16);
    List<TaskSpec> tasks = model.contract().tasks();
    FaceExplanation e = explainer.explain(face, tasks);
    assertEquals(tasks.size(), e.maps().size());
    // one cell recomputed alone, outside the batch, must give the same value
    int cell = 24;
    FacePrediction occluded =
        predictor
            .predict(
                List.of(new FaceCrop(0, null, OcclusionGrid.of(7).occlude(face, List.of(cell)))))
            .get(0);
    for (TaskSpec task : tasks) {
      SensitivityMap map = e.map(task.name());
      assertEquals(7, map.size());
      assertEquals(49, map.values().length);
      TaskScore score = TaskScore.of(task);
      int label =
          score == TaskScore.PROBABILITY_DROP ? e.prediction().nominal(task.name()).index() : -1;
      double expected = score.effect(map.reference(), score.value(task, occluded, label));
      assertEquals(expected, map.at(3, 3), 1e-5, task.name());
      if (score == TaskScore.EXPECTED_RANK_CHANGE) {
        assertTrue(map.min() >= 0, "an age map holds absolute changes");
      }
    }
    assertEquals(TaskScore.EXPECTED_RANK_CHANGE, e.map("age").score());
    assertEquals(TaskScore.PROBABILITY_DROP, e.map("gender").score());
  }

  @Test
  void sameFaceSameMap() throws Exception {
    OcclusionExplainer a = new OcclusionExplainer(predictor, OcclusionGrid.of(5), 64);
    OcclusionExplainer b = new OcclusionExplainer(predictor, OcclusionGrid.of(5), 7);
    List<TaskSpec> tasks = model.contract().tasks();
    // the batch size is a speed setting only
    for (TaskSpec t : tasks) {
      float[] x = a.explain(face, tasks).map(t.name()).values();
      float[] y = b.explain(face, tasks).map(t.name()).values();
      for (int i = 0; i < x.length; i++) {
        assertEquals(x[i], y[i], 1e-5);
      }
    }
  }

  @Test
  void aCropSmallerThanTheGridIsRefused() {
    OcclusionExplainer explainer = new OcclusionExplainer(predictor, OcclusionGrid.of(7), 8);
    RgbImage tiny = new RgbImage(5, 5, new byte[75]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> explainer.explain(tiny, model.contract().tasks()));
    assertTrue(e.getMessage().contains("smaller than the 7x7 occlusion grid"), e.getMessage());
  }

  private static byte[] filled(int n, byte v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, v);
    return b;
  }
}
