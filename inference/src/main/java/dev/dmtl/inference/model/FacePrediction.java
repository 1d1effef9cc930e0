package dev.dmtl.inference.model;

import dev.dmtl.contract.decode.NominalPrediction;
import dev.dmtl.contract.decode.OrdinalPrediction;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Everything the model says about one face, decoded by the shared {@link
 * dev.dmtl.contract.decode.OutputDecoder}, keyed by the task names the model declares.
 *
 * @param ordinal decoded ordinal tasks (e.g. {@code age})
 * @param nominal decoded nominal tasks (e.g. {@code gender}, {@code race})
 * @param logits the raw logits per task, for evaluation losses and parity checks
 */
public record FacePrediction(
    Map<String, OrdinalPrediction> ordinal,
    Map<String, NominalPrediction> nominal,
    Map<String, float[]> logits) {

  public FacePrediction {
    ordinal = Map.copyOf(ordinal);
    nominal = Map.copyOf(nominal);
    logits = Map.copyOf(logits);
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
