package dev.dmtl.audit.saliency;

import dev.dmtl.audit.result.SaliencyRegion;
import dev.dmtl.contract.model.FaceTemplate;
import java.util.List;

/**
 * The reading aid's boxes, derived from a face template's five landmarks: the face, and inside it
 * the eyes, the nose and the mouth, stacked without overlap. Sizes are multiples of the distance
 * between the eyes ({@code d}), the one scale every template has:
 *
 * <ul>
 *   <li>face: from {@code 0.55 d} left of the leftmost eye or mouth corner to {@code 0.55 d} right
 *       of the rightmost, from {@code 0.75 d} above the eye line to {@code 0.65 d} below the mouth
 *       line (forehead to chin; hair, ears and background are outside);
 *   <li>eyes: {@code 0.5 d} beyond each eye, from {@code 0.4 d} above the eye line down to halfway
 *       to the nose tip;
 *   <li>nose: {@code 0.35 d} either side of the nose tip, from there down to halfway to the mouth;
 *   <li>mouth: {@code 0.3 d} beyond each mouth corner, from there down to {@code 0.35 d} below the
 *       mouth line.
 * </ul>
 *
 * Boxes are clipped to the crop. The numbers are a convention for a reading aid, written down here
 * and in docs/AUDIT.md, not a segmentation of any real face.
 */
public final class FaceRegions {

  /** The region names, in the order the audit reports them. */
  public static final List<String> NAMES = List.of("face", "eyes", "nose", "mouth");

  private FaceRegions() {}

  /** The four boxes of {@code template}, as fractions of its crop. */
  public static List<SaliencyRegion> of(FaceTemplate template) {
    double w = template.width();
    double h = template.height();
    List<FaceTemplate.Point> p = template.points();
    FaceTemplate.Point leftEye = p.get(0);
    FaceTemplate.Point rightEye = p.get(1);
    FaceTemplate.Point nose = p.get(2);
    FaceTemplate.Point leftMouth = p.get(3);
    FaceTemplate.Point rightMouth = p.get(4);
    double d = Math.hypot(rightEye.x() - leftEye.x(), rightEye.y() - leftEye.y());
    double eyeY = (leftEye.y() + rightEye.y()) / 2;
    double mouthY = (leftMouth.y() + rightMouth.y()) / 2;
    double eyesToNose = (eyeY + nose.y()) / 2;
    double noseToMouth = (nose.y() + mouthY) / 2;
    return List.of(
        box(
            "face",
            Math.min(leftEye.x(), leftMouth.x()) - 0.55 * d,
            eyeY - 0.75 * d,
            Math.max(rightEye.x(), rightMouth.x()) + 0.55 * d,
            mouthY + 0.65 * d,
            w,
            h),
        box(
            "eyes",
            leftEye.x() - 0.5 * d,
            eyeY - 0.4 * d,
            rightEye.x() + 0.5 * d,
            eyesToNose,
            w,
            h),
        box("nose", nose.x() - 0.35 * d, eyesToNose, nose.x() + 0.35 * d, noseToMouth, w, h),
        box(
            "mouth",
            leftMouth.x() - 0.3 * d,
            noseToMouth,
            rightMouth.x() + 0.3 * d,
            mouthY + 0.35 * d,
            w,
            h));
  }

  private static SaliencyRegion box(
      String name, double left, double top, double right, double bottom, double w, double h) {
    double l = clip(left / w);
    double t = clip(top / h);
    return new SaliencyRegion(
        name, l, t, Math.max(l, clip(right / w)), Math.max(t, clip(bottom / h)));
  }

  /** Clipped to the crop and rounded to six decimals: a stable, readable JSON. */
  private static double clip(double v) {
    return Math.round(Math.min(1, Math.max(0, v)) * 1e6) / 1e6;
  }
}
