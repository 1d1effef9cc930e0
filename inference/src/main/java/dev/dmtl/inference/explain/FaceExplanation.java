package dev.dmtl.inference.explain;

import dev.dmtl.inference.model.FacePrediction;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The prediction for one unoccluded face and the occlusion-sensitivity map of each explained task.
 *
 * @param prediction what the model says about the whole crop
 * @param maps one per explained task, in the model's task order
 */
public record FaceExplanation(FacePrediction prediction, List<SensitivityMap> maps) {
  public FaceExplanation {
    Objects.requireNonNull(prediction, "prediction");
    maps = List.copyOf(maps);
  }

  /** The map of task {@code name}. */
  public SensitivityMap map(String name) {
    return maps.stream()
        .filter(m -> m.task().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no map for task '" + name + "'"));
  }
}
