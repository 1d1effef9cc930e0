package dev.dmtl.inference.batch;

import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.model.FacePrediction;
import java.util.Objects;

/**
 * One face of an image and the model's prediction for it.
 *
 * @param faceIndex 0-based index within the image
 * @param detection the detector's box and landmarks, or null for aligned crops
 * @param prediction the decoded prediction
 */
public record AnalyzedFace(int faceIndex, FaceDetection detection, FacePrediction prediction) {
  public AnalyzedFace {
    Objects.requireNonNull(prediction, "prediction");
  }
}
