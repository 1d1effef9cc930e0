package dev.dmtl.inference.batch;

import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.FaceExplanation;
import dev.dmtl.inference.explain.OcclusionExplainer;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.explain.SensitivityMap;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.InferenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether and how a {@link BatchAnalyzer} adds saliency maps to its predictions ({@code dmtl infer
 * --cams}): none, the model's exact class activation maps (from the same ONNX Runtime call as the
 * prediction), or occlusion sensitivity (one extra batch of {@code cells} occluded copies per face,
 * about 40 times the cost of a plain prediction on a 7 × 7 grid).
 */
public final class FaceMaps {

  /** No maps: the analyzer's default. */
  public static final FaceMaps NONE = new FaceMaps(null, null, List.of());

  private final SaliencyMethod method;
  private final OcclusionGrid grid;
  private final List<TaskSpec> tasks;

  private FaceMaps(SaliencyMethod method, OcclusionGrid grid, List<TaskSpec> tasks) {
    this.method = method;
    this.grid = grid;
    this.tasks = List.copyOf(tasks);
  }

  /** The model's exact class activation maps; the predictor must be explainable. */
  public static FaceMaps classActivation() {
    return new FaceMaps(SaliencyMethod.CLASS_ACTIVATION, null, List.of());
  }

  /** Occlusion sensitivity of {@code tasks} on {@code grid}. */
  public static FaceMaps occlusion(OcclusionGrid grid, List<TaskSpec> tasks) {
    return new FaceMaps(SaliencyMethod.OCCLUSION, grid, tasks);
  }

  /** The method, or null for none. */
  public SaliencyMethod method() {
    return method;
  }

  /**
   * Predicts {@code faces} (one batch) with the maps this option asks for.
   *
   * @throws InferenceException when ONNX Runtime fails
   */
  List<FacePrediction> predict(FacePredictor predictor, List<FaceCrop> faces)
      throws InferenceException {
    if (method != SaliencyMethod.OCCLUSION) {
      return predictor.predict(faces, method == SaliencyMethod.CLASS_ACTIVATION);
    }
    OcclusionExplainer explainer =
        new OcclusionExplainer(predictor, grid, OcclusionExplainer.DEFAULT_BATCH);
    List<FacePrediction> out = new ArrayList<>(faces.size());
    for (FaceCrop face : faces) {
      // the explainer's unoccluded prediction is the face's prediction: no second plain call
      FaceExplanation e = explainer.explain(face.crop(), tasks);
      Map<String, SaliencyMap> maps = new LinkedHashMap<>();
      for (SensitivityMap m : e.maps()) {
        maps.put(m.task(), SaliencyMap.of(m));
      }
      out.add(e.prediction().withMaps(maps));
    }
    return out;
  }
}
