package dev.dmtl.inference.face;

import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.inference.face.detect.DetectAndAlign;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.inference.image.Resize;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code --faces} modes: how an image becomes face crops. Each mode carries the factory of its
 * {@link FaceExtractor}, so adding a mode is one constant here.
 */
public enum FaceMode {
  /** The image is already an aligned face crop: resize it to the model input. */
  ALIGNED("aligned", (model, detector) -> AlignedFaceExtractor.forInput(model.contract().input())),
  /**
   * Ordinary photos: YuNet finds every face and its five landmarks; each face is aligned to the
   * model's face template and resized with the same filter as the aligned mode and the training
   * cache, so a detected face looks like a training crop.
   */
  DETECT(
      "detect",
      (model, detector) ->
          DetectAndAlign.forModel(
              YuNetDetector.openBundled(detector), model.contract(), model.source(), Resize::to));

  /** Builds the extractor for a validated model (its input size, its face template). */
  @FunctionalInterface
  public interface Factory {
    FaceExtractor create(ModelFile model, DetectorOptions detector)
        throws ContractViolationException, IOException;
  }

  private final String optionValue;

  // the factories are stateless method references and lambdas
  @SuppressWarnings("ImmutableEnumChecker")
  private final Factory factory;

  FaceMode(String optionValue, Factory factory) {
    this.optionValue = optionValue;
    this.factory = factory;
  }

  /** The spelling on the command line, e.g. {@code aligned}. */
  public String optionValue() {
    return optionValue;
  }

  /**
   * Creates this mode's extractor for a model.
   *
   * @throws ContractViolationException when the model lacks what the mode needs (e.g. a face
   *     template)
   * @throws IOException when the mode's own resources (a detector model) cannot be read
   */
  public FaceExtractor create(ModelFile model, DetectorOptions detector)
      throws ContractViolationException, IOException {
    return factory.create(model, detector);
  }

  /** As {@link #create(ModelFile, DetectorOptions)} with the detector's documented defaults. */
  public FaceExtractor create(ModelFile model) throws ContractViolationException, IOException {
    return create(model, DetectorOptions.defaults());
  }

  /** Parses the command-line spelling, case-insensitively. */
  public static FaceMode parse(String value) {
    for (FaceMode mode : values()) {
      if (mode.optionValue.equalsIgnoreCase(value.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown face mode '"
            + value
            + "' (expected one of "
            + Arrays.stream(values()).map(FaceMode::optionValue).collect(Collectors.joining(", "))
            + ")");
  }
}
