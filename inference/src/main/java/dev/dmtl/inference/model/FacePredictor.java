package dev.dmtl.inference.model;

import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.dmtl.contract.decode.NominalPrediction;
import dev.dmtl.contract.decode.OrdinalPrediction;
import dev.dmtl.contract.decode.OutputDecoder;
import dev.dmtl.contract.model.HeadWeights;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.ClassActivationMaps;
import dev.dmtl.inference.explain.FeatureMaps;
import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.face.FaceCrop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs batches of face crops through a shared {@link DmtlModel}. Not thread-safe (a DJL predictor
 * is not): one per thread or DoFn instance, all sharing the model. Close it when done.
 */
public final class FacePredictor implements AutoCloseable {

  private final ModelContract contract;
  private final InputNormalizer normalizer;
  private final Map<String, HeadWeights> headWeights;
  private final Predictor<BatchTranslator.Batch, BatchTranslator.Outputs> predictor;

  /**
   * @param headWeights per task, the head weights of its class activation maps; empty for a model
   *     that is not explainable
   */
  FacePredictor(
      ModelContract contract,
      Map<String, HeadWeights> headWeights,
      Predictor<BatchTranslator.Batch, BatchTranslator.Outputs> predictor) {
    this.contract = contract;
    this.normalizer = new InputNormalizer(contract.input());
    this.headWeights = Map.copyOf(headWeights);
    this.predictor = predictor;
  }

  /**
   * Predicts every task for every crop in one ONNX Runtime call.
   *
   * @param faces crops at the model's input size; any number, the whole list is one batch
   * @return one prediction per face, in input order
   * @throws InferenceException when ONNX Runtime fails on the batch
   */
  public List<FacePrediction> predict(List<FaceCrop> faces) throws InferenceException {
    return predict(faces, false);
  }

  /**
   * Whether the model declares, for every task, the feature maps and head weights that exact class
   * activation maps need (docs/MODEL_CONTRACT.md, "explain").
   */
  public boolean explainable() {
    return contract.explainable() && headWeights.keySet().containsAll(contract.explain().keySet());
  }

  /**
   * Per task, the grid of its class activation maps ({@code [rows, columns]} of the declared
   * feature map, e.g. 4 × 4 for the bundled 112-px model); empty when the model is not {@link
   * #explainable()}.
   */
  public Map<String, int[]> camGrid() {
    Map<String, int[]> out = new java.util.LinkedHashMap<>();
    for (TaskSpec task : contract.tasks()) {
      HeadWeights w = headWeights.get(task.name());
      if (w != null) {
        out.put(task.name(), new int[] {w.mapHeight(), w.mapWidth()});
      }
    }
    return out;
  }

  /**
   * Predicts every task for every crop in one ONNX Runtime call and, with {@code withCams}, each
   * task's exact class activation map from the same call ({@link FacePrediction#maps()}).
   *
   * @param faces crops at the model's input size; any number, the whole list is one batch
   * @param withCams whether to compute class activation maps; needs {@link #explainable()}
   * @return one prediction per face, in input order
   * @throws InferenceException when ONNX Runtime fails on the batch
   * @throws IllegalStateException with {@code withCams} on a model that is not explainable
   */
  public List<FacePrediction> predict(List<FaceCrop> faces, boolean withCams)
      throws InferenceException {
    if (withCams && !explainable()) {
      throw new IllegalStateException(
          "the model declares no feature maps for class activation maps ("
              + contract.explainability()
              + ")");
    }
    if (faces.isEmpty()) {
      return List.of();
    }
    float[] data = new float[faces.size() * normalizer.sampleSize()];
    for (int i = 0; i < faces.size(); i++) {
      normalizer.write(faces.get(i).crop(), data, i);
    }
    BatchTranslator.Outputs outputs;
    try {
      outputs = predictor.predict(new BatchTranslator.Batch(faces.size(), data, withCams));
    } catch (TranslateException | EngineException e) {
      throw new InferenceException(
          "ONNX Runtime failed on a batch of " + faces.size() + " faces: " + rootMessage(e), e);
    }
    List<FacePrediction> out = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      Map<String, OrdinalPrediction> ordinal = new HashMap<>();
      Map<String, NominalPrediction> nominal = new HashMap<>();
      Map<String, float[]> raw = new HashMap<>();
      for (TaskSpec task : contract.tasks()) {
        float[] row = outputs.logits().get(task.name())[i];
        raw.put(task.name(), row);
        if (task.kind() == TaskKind.ORDINAL) {
          ordinal.put(task.name(), OutputDecoder.decodeOrdinal(task, row));
        } else {
          nominal.put(task.name(), OutputDecoder.decodeNominal(task, row));
        }
      }
      out.add(
          new FacePrediction(
              ordinal, nominal, raw, withCams ? maps(outputs, i, nominal) : Map.of()));
    }
    return out;
  }

  /**
   * Face {@code i}'s class activation map of every task, from the batch's feature maps; a nominal
   * task's is the map of the class its decoded prediction reports.
   */
  private Map<String, SaliencyMap> maps(
      BatchTranslator.Outputs outputs, int i, Map<String, NominalPrediction> nominal) {
    Map<String, SaliencyMap> maps = new HashMap<>();
    for (TaskSpec task : contract.tasks()) {
      FeatureMaps features = outputs.features().get(task.name());
      if (features == null || features.batch() <= i) {
        throw new IllegalStateException(
            "the model returned no feature maps of task '" + task.name() + "' for face " + i);
      }
      HeadWeights weights = headWeights.get(task.name());
      maps.put(
          task.name(),
          task.kind() == TaskKind.ORDINAL
              ? ClassActivationMaps.ordinal(
                  task, weights, features, i, outputs.logits().get(task.name())[i])
              : ClassActivationMaps.nominal(
                  task, weights, features, i, nominal.get(task.name()).index()));
    }
    return maps;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null
        ? t.getClass().getSimpleName()
        : t.getMessage().replace('\n', ' ');
  }

  @Override
  public void close() {
    predictor.close();
  }
}
