package dev.dmtl.app.explain;

import dev.dmtl.inference.explain.FaceExplanation;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.image.RgbImage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One explained face.
 *
 * @param input the image it came from, as the user named it
 * @param faceIndex 0-based index of the face in the image (detection order)
 * @param detection where the face was found in the image, or null for {@code --faces aligned}
 * @param crop the aligned crop the model saw, at its input size
 * @param explanation the prediction and the maps
 * @param seconds wall time of the occlusion (all model evaluations of this face)
 */
public record ExplainedFace(
    Path input,
    int faceIndex,
    FaceDetection detection,
    RgbImage crop,
    FaceExplanation explanation,
    double seconds) {
  public ExplainedFace {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(crop, "crop");
    Objects.requireNonNull(explanation, "explanation");
  }
}
