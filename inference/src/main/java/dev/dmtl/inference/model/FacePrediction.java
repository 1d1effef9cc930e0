package dev.dmtl.inference.model;

import dev.dmtl.contract.decode.NominalPrediction;
import dev.dmtl.contract.decode.OrdinalPrediction;
import dev.dmtl.inference.explain.SaliencyMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Everything the model says about one face, decoded by the shared {@link
 * dev.dmtl.contract.decode.OutputDecoder}, keyed by the task names the model declares.
 *
 * @param ordinal decoded ordinal tasks (e.g. {@code age})
 * @param nominal decoded nominal tasks (e.g. {@code gender}, {@code race})
 * @param logits the raw logits per task, for evaluation losses and parity checks
 * @param maps saliency maps per task, only when they were asked for ({@link
 *     FacePredictor#predict(java.util.List, boolean)}); empty otherwise
 */
public record FacePrediction(
    Map<String, OrdinalPrediction> ordinal,
    Map<String, NominalPrediction> nominal,
    Map<String, float[]> logits,
    Map<String, SaliencyMap> maps) {

  public FacePrediction {
    ordinal = Map.copyOf(ordinal);
    nominal = Map.copyOf(nominal);
    logits = Map.copyOf(logits);
    maps = Map.copyOf(maps);
  }

  /** A prediction without saliency maps. */
  public FacePrediction(
      Map<String, OrdinalPrediction> ordinal,
      Map<String, NominalPrediction> nominal,
      Map<String, float[]> logits) {
    this(ordinal, nominal, logits, Map.of());
  }

  /** This prediction with {@code maps} (keyed by task name) in place of its own. */
  public FacePrediction withMaps(Map<String, SaliencyMap> maps) {
    return new FacePrediction(ordinal, nominal, logits, maps);
  }

  /** The decoded ordinal task {@code name}. */
  public OrdinalPrediction ordinal(String name) {
    OrdinalPrediction p = ordinal.get(name);
    if (p == null) {
      throw new NoSuchElementException(
          "no ordinal task '" + name + "' in this prediction (" + ordinal.keySet() + ")");
    }
    return p;
  }

  /** The decoded nominal task {@code name}. */
  public NominalPrediction nominal(String name) {
    NominalPrediction p = nominal.get(name);
    if (p == null) {
      throw new NoSuchElementException(
          "no nominal task '" + name + "' in this prediction (" + nominal.keySet() + ")");
    }
    return p;
  }
}
