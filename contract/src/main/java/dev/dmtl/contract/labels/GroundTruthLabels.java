package dev.dmtl.contract.labels;

import java.util.List;
import java.util.Optional;

/**
 * The label vocabulary of the ground truth dmtl reads ({@link FaceLabels}: UTKFace names, label
 * CSVs): what a model's {@code label_map} may map to. Only the nominal tasks the ground truth
 * answers have one.
 */
public final class GroundTruthLabels {

  private GroundTruthLabels() {}

  /** The ground-truth labels of a nominal task, or empty when the ground truth has no such task. */
  public static Optional<List<String>> of(String task) {
    return switch (task) {
      case FaceLabels.GENDER_TASK -> Optional.of(UtkFaceNames.GENDERS);
      case FaceLabels.RACE_TASK -> Optional.of(UtkFaceNames.RACES);
      default -> Optional.empty();
    };
  }
}
