package dev.dmtl.app.explain;

import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.FacePrediction;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One explained face.
 *
 * @param input the image it came from, as the user named it
 * @param faceIndex 0-based index of the face in the image (detection order)
 * @param detection where the face was found in the image, or null for {@code --faces aligned}
 * @param crop the aligned crop the model saw, at its input size
 * @param prediction what the model says about the whole crop
 * @param method how the maps were made (one method per run)
 * @param maps one per explained task, in the model's task order
 * @param seconds wall time of this face's maps (the model call(s) and the map arithmetic)
 */
public record ExplainedFace(
    Path input,
    int faceIndex,
    FaceDetection detection,
    RgbImage crop,
    FacePrediction prediction,
    SaliencyMethod method,
    List<SaliencyMap> maps,
    double seconds) {
  public ExplainedFace {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(crop, "crop");
    Objects.requireNonNull(prediction, "prediction");
    Objects.requireNonNull(method, "method");
    maps = List.copyOf(maps);
  }
}
