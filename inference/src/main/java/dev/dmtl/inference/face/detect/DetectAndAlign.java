package dev.dmtl.inference.face.detect;

import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.FaceExtractor;
import dev.dmtl.inference.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code --faces detect}: finds every face of a photo with {@link YuNetDetector} and aligns each to
 * the model's face template. For each face, the least-squares similarity transform (rotation,
 * uniform scale, translation; {@link SimilarityTransform#estimate}) maps its five detected
 * landmarks onto the template's points; the photo is warped bilinearly through it to the template's
 * crop size (black outside the photo), then resized to the model input with the {@link
 * CropResizer}.
 *
 * <p>Faces come best first (detector score). A photo with no face above the threshold gives an
 * empty list (the caller records NO_FACE). Thread-safe when the detector and resizer are; it does
 * not own the detector (close that separately).
 */
public final class DetectAndAlign implements FaceExtractor {

  private final YuNetDetector detector;
  private final FaceTemplate template;
  private final double[] templatePoints;
  private final int inputWidth;
  private final int inputHeight;
  private final CropResizer resizer;

  /**
   * @param detector the face detector, with its options
   * @param template where the landmarks must land, in a {@code template.width() x
   *     template.height()} crop
   * @param inputWidth model input width in pixels
   * @param inputHeight model input height in pixels
   * @param resizer template-size crop to model input size
   */
  public DetectAndAlign(
      YuNetDetector detector,
      FaceTemplate template,
      int inputWidth,
      int inputHeight,
      CropResizer resizer) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.template = Objects.requireNonNull(template, "template");
    this.resizer = Objects.requireNonNull(resizer, "resizer");
    if (inputWidth <= 0 || inputHeight <= 0) {
      throw new IllegalArgumentException(
          "model input size must be positive, got " + inputWidth + "x" + inputHeight);
    }
    this.inputWidth = inputWidth;
    this.inputHeight = inputHeight;
    this.templatePoints = points(template);
  }

  /**
   * Detect-and-align for a model: its {@code dmtl.face_template} and input size, bilinear resize.
   *
   * @param source the model file as the user gave it, for the error message
   * @throws ContractViolationException when the model cannot be aligned for (a model without a face
   *     template gets {@link FaceTemplate#defaultFor the default one})
   */
  public static DetectAndAlign forModel(YuNetDetector detector, ModelContract model, String source)
      throws ContractViolationException {
    return forModel(detector, model, source, CropResizer.BILINEAR);
  }

  /**
   * As {@link #forModel(YuNetDetector, ModelContract, String)}, resizing the aligned crop with
   * {@code resizer}: pass the resize the aligned mode uses so both modes feed the model alike.
   */
  public static DetectAndAlign forModel(
      YuNetDetector detector, ModelContract model, String source, CropResizer resizer)
      throws ContractViolationException {
    // a model without a template gets the documented default (FaceTemplate.defaultFor); the run
    // provenance records that it was used
    FaceTemplate template =
        model
            .template()
            .orElseGet(
                () -> FaceTemplate.defaultFor(model.input().width(), model.input().height()));
    return new DetectAndAlign(
        detector, template, model.input().width(), model.input().height(), resizer);
  }

  public FaceTemplate template() {
    return template;
  }

  @Override
  public List<FaceCrop> extract(RgbImage image) throws FaceExtractionException {
    return align(image, detector.detect(image));
  }

  /**
   * {@link #extract} for several photos with one detector run (batched when the model allows it).
   * Results are in input order. A detector failure fails the whole batch; the caller can retry the
   * photos one by one to find the culprit.
   */
  public List<List<FaceCrop>> extractAll(List<RgbImage> images) throws FaceExtractionException {
    List<List<FaceDetection>> detections = detector.detectBatch(images);
    List<List<FaceCrop>> out = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      out.add(align(images.get(i), detections.get(i)));
    }
    return out;
  }

  /** Aligns given detections (best first) of {@code image}. */
  public List<FaceCrop> align(RgbImage image, List<FaceDetection> faces)
      throws FaceExtractionException {
    List<FaceCrop> crops = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      FaceDetection face = faces.get(i);
      crops.add(new FaceCrop(i, face, alignOne(image, face)));
    }
    return crops;
  }

  /** The transform from photo coordinates to template-crop coordinates for one detection. */
  public SimilarityTransform transform(FaceDetection face) throws FaceExtractionException {
    double[] src = new double[templatePoints.length];
    float[] lm = face.landmarks();
    for (int i = 0; i < src.length; i++) {
      src[i] = lm[i];
    }
    try {
      SimilarityTransform t = SimilarityTransform.estimate(src, templatePoints);
      t.inverse(); // a zero-scale fit (landmarks collapsed by the template) cannot be warped
      return t;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new FaceExtractionException(
          Stage.ALIGN,
          "cannot align a face at (" + face.x() + ", " + face.y() + "): " + e.getMessage(),
          e);
    }
  }

  private RgbImage alignOne(RgbImage image, FaceDetection face) throws FaceExtractionException {
    RgbImage crop = Bilinear.warp(image, transform(face), template.width(), template.height());
    return resizer.resize(crop, inputWidth, inputHeight);
  }

  private static double[] points(FaceTemplate template) {
    double[] p = new double[2 * FaceTemplate.LANDMARKS];
    for (int k = 0; k < FaceTemplate.LANDMARKS; k++) {
      p[2 * k] = template.points().get(k).x();
      p[2 * k + 1] = template.points().get(k).y();
    }
    return p;
  }
}
