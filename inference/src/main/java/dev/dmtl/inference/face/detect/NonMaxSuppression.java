package dev.dmtl.inference.face.detect;

import dev.dmtl.inference.face.FaceDetection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression, as OpenCV's {@code dnn::NMSBoxes} with eta 1: candidates are
 * taken by descending score (ties keep their input order), at most {@code topK} of them are
 * considered, and a candidate is kept only if its box overlaps no already kept box with IoU above
 * {@code iouThreshold}.
 */
public final class NonMaxSuppression {

  private NonMaxSuppression() {}

  /** The kept faces, best first. */
  public static List<FaceDetection> apply(
      List<FaceDetection> candidates, double iouThreshold, int topK) {
    List<FaceDetection> sorted = new ArrayList<>(candidates);
    // List.sort is stable, so equal scores stay in decode order: the result is deterministic.
    sorted.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
    if (sorted.size() > topK) {
      sorted = sorted.subList(0, topK);
    }
    List<FaceDetection> kept = new ArrayList<>();
    for (FaceDetection candidate : sorted) {
      boolean overlaps = false;
      for (FaceDetection k : kept) {
        if (iou(candidate, k) > iouThreshold) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) {
        kept.add(candidate);
      }
    }
    return kept;
  }

  /**
   * Intersection over union of two boxes (continuous coordinates, area = width * height); 0 when
   * both are empty.
   */
  public static double iou(FaceDetection a, FaceDetection b) {
    return iou(a.x(), a.y(), a.width(), a.height(), b.x(), b.y(), b.width(), b.height());
  }

  /**
   * Intersection over union of a detection and a box given as left, top, width, height (an
   * annotated face), so tests and tools score detections with the detector's own geometry.
   */
  public static double iou(FaceDetection a, double left, double top, double width, double height) {
    return iou(a.x(), a.y(), a.width(), a.height(), left, top, width, height);
  }

  /** Intersection over union of boxes given as left, top, width, height. */
  public static double iou(
      double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
    double iw = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
    double ih = Math.min(ay + ah, by + bh) - Math.max(ay, by);
    if (iw <= 0 || ih <= 0) {
      return 0;
    }
    double inter = iw * ih;
    double union = aw * ah + bw * bh - inter;
    return union > 0 ? inter / union : 0;
  }
}
