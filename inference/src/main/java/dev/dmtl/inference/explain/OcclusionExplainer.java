package dev.dmtl.inference.explain;

import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.InferenceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Occlusion sensitivity (Zeiler &amp; Fergus 2014) through a {@link FacePredictor}: each cell of an
 * {@link OcclusionGrid} over the aligned crop is greyed in turn, and every occluded copy goes
 * through ONNX Runtime, batched, exactly as {@code dmtl infer} feeds faces. One face costs {@code
 * cells + 1} model evaluations. Needs nothing from the model beyond the contract, so it works for
 * any contract model.
 *
 * <p>Not thread-safe (it uses the caller's predictor): one per thread.
 */
public final class OcclusionExplainer {

  /** Occluded crops per ONNX Runtime call: enough to amortise a call, small enough for memory. */
  public static final int DEFAULT_BATCH = 64;

  private final FacePredictor predictor;
  private final OcclusionGrid grid;
  private final int batch;

  public OcclusionExplainer(FacePredictor predictor, OcclusionGrid grid, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    this.predictor = predictor;
    this.grid = grid;
    this.batch = batch;
  }

  public OcclusionGrid grid() {
    return grid;
  }

  /**
   * The prediction for {@code crop} and one map per task of {@code tasks}.
   *
   * @param crop an aligned face at the model's input size
   * @param tasks the tasks to explain, a subset of the model's
   * @throws IllegalArgumentException when the crop is smaller than the grid
   * @throws InferenceException when ONNX Runtime fails
   */
  public FaceExplanation explain(RgbImage crop, List<TaskSpec> tasks) throws InferenceException {
    grid.requireFits(crop.width(), crop.height());
    List<RgbImage> inputs = new ArrayList<>(grid.cells() + 1);
    inputs.add(crop);
    for (int cell = 0; cell < grid.cells(); cell++) {
      inputs.add(grid.occlude(crop, List.of(cell)));
    }
    List<FacePrediction> out = predict(inputs);
    FacePrediction whole = out.get(0);
    List<SensitivityMap> maps = new ArrayList<>(tasks.size());
    for (TaskSpec task : tasks) {
      TaskScore score = TaskScore.of(task);
      int label = predictedLabel(task, whole);
      double reference = score.value(task, whole, label);
      float[] values = new float[grid.cells()];
      for (int cell = 0; cell < values.length; cell++) {
        values[cell] = (float) score.effect(reference, score.value(task, out.get(cell + 1), label));
      }
      maps.add(new SensitivityMap(task.name(), score, grid.size(), reference, values));
    }
    return new FaceExplanation(whole, maps);
  }

  /**
   * The deletion test of one map: greys, for each of the {@code fractions}, that share of the cells
   * with the highest map value (ties by cell index) and, {@code draws} times, as many cells drawn
   * at random, and measures the effect on the task's score for each fraction. All occluded copies
   * go through ONNX Runtime batched.
   *
   * @param crop the crop the map was computed on
   * @param task the map's task
   * @param explanation the explanation of {@code crop} holding the map of {@code task}
   * @param fractions shares of cells to grey, each in (0, 1]; at least one cell is greyed
   * @param draws random draws per fraction, at least 1
   * @param seed seed of the random draws
   */
  public DeletionCurve deletion(
      RgbImage crop,
      TaskSpec task,
      FaceExplanation explanation,
      List<Double> fractions,
      int draws,
      long seed)
      throws InferenceException {
    return deletion(
        crop,
        task,
        explanation.prediction(),
        SaliencyMap.of(explanation.map(task.name())),
        fractions,
        draws,
        seed);
  }

  /**
   * The deletion test of any saliency map on this explainer's grid (a class activation map of the
   * same size, say): as {@link #deletion(RgbImage, TaskSpec, FaceExplanation, List, int, long)},
   * with the cells ranked by {@code map}. For an ordinal task the effect is the absolute change of
   * the expected rank, so cells are ranked by the absolute map value (a signed Grad-CAM cell that
   * pulls the age down matters as much as one that pushes it up); for a nominal task by the value
   * itself (positive supports the predicted label).
   *
   * @param prediction the model's prediction for the unoccluded {@code crop}
   * @throws IllegalArgumentException when the map's grid is not this explainer's
   */
  public DeletionCurve deletion(
      RgbImage crop,
      TaskSpec task,
      FacePrediction prediction,
      SaliencyMap map,
      List<Double> fractions,
      int draws,
      long seed)
      throws InferenceException {
    if (draws < 1) {
      throw new IllegalArgumentException("draws must be >= 1, got " + draws);
    }
    if (map.height() != grid.size() || map.width() != grid.size()) {
      throw new IllegalArgumentException(
          "a "
              + map.height()
              + "x"
              + map.width()
              + " map cannot rank the cells of a "
              + grid.size()
              + "x"
              + grid.size()
              + " grid");
    }
    float[] values = map.values();
    boolean absolute = task.kind() == TaskKind.ORDINAL;
    List<Integer> bySalience =
        IntStream.range(0, values.length)
            .boxed()
            .sorted(
                Comparator.comparingDouble(
                        (Integer c) -> absolute ? -Math.abs(values[c]) : -values[c])
                    .thenComparingInt(Integer::intValue))
            .toList();
    SplittableRandom random = new SplittableRandom(seed);
    List<RgbImage> inputs = new ArrayList<>();
    for (double f : fractions) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("a deletion fraction must be in (0, 1], got " + f);
      }
      int k = Math.max(1, (int) Math.round(f * values.length));
      inputs.add(grid.occlude(crop, bySalience.subList(0, k)));
      for (int d = 0; d < draws; d++) {
        inputs.add(grid.occlude(crop, shuffled(values.length, random).subList(0, k)));
      }
    }
    List<FacePrediction> out = predict(inputs);
    TaskScore score = TaskScore.of(task);
    int label = predictedLabel(task, prediction);
    double reference = score.value(task, prediction, label);
    List<Double> salient = new ArrayList<>();
    List<Double> randomMean = new ArrayList<>();
    int i = 0;
    for (int f = 0; f < fractions.size(); f++) {
      salient.add(score.effect(reference, score.value(task, out.get(i++), label)));
      double sum = 0;
      for (int d = 0; d < draws; d++) {
        sum += score.effect(reference, score.value(task, out.get(i++), label));
      }
      randomMean.add(sum / draws);
    }
    return new DeletionCurve(task.name(), fractions, salient, randomMean, draws);
  }

  private static int predictedLabel(TaskSpec task, FacePrediction prediction) {
    return task.kind() == TaskKind.NOMINAL ? prediction.nominal(task.name()).index() : -1;
  }

  private static List<Integer> shuffled(int n, SplittableRandom random) {
    Integer[] cells = new Integer[n];
    for (int i = 0; i < n; i++) {
      cells[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = cells[i];
      cells[i] = cells[j];
      cells[j] = t;
    }
    return List.of(cells);
  }

  private List<FacePrediction> predict(List<RgbImage> images) throws InferenceException {
    List<FacePrediction> out = new ArrayList<>(images.size());
    for (int from = 0; from < images.size(); from += batch) {
      List<FaceCrop> chunk =
          images.subList(from, Math.min(images.size(), from + batch)).stream()
              .map(image -> new FaceCrop(0, null, image))
              .toList();
      out.addAll(predictor.predict(chunk));
    }
    return out;
  }
}
