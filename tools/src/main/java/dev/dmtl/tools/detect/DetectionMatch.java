package dev.dmtl.tools.detect;

import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.detect.NonMaxSuppression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detections of one image matched to its annotated boxes, PASCAL-style: detections are taken best
 * first, each claims the still-unclaimed annotated box it overlaps most, if that IoU is at least the
 * threshold. A claimed counted box is a hit; a claimed ignore box is neither hit nor false alarm; an
 * unmatched detection is a false alarm; an unclaimed counted box is a miss.
 *
 * @param hits detections matched to counted boxes
 * @param falseAlarms detections matched to nothing
 * @param misses counted boxes no detection matched
 * @param matchedIous IoU of each hit, in detection order
 * @param unmatched the false-alarm detections, for inspection
 */
public record DetectionMatch(int hits, int falseAlarms, int misses, List<Double> matchedIous, List<FaceDetection> unmatched) {

  public DetectionMatch {
    matchedIous = List.copyOf(matchedIous);
    unmatched = List.copyOf(unmatched);
  }

  /** Matches {@code detections} to {@code boxes} at {@code minIou} (0.5 in the benchmarks). */
  public static DetectionMatch of(List<FaceDetection> detections, List<DlibBoxes.Box> boxes, double minIou) {
    List<FaceDetection> sorted = new ArrayList<>(detections);
    sorted.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
    boolean[] claimed = new boolean[boxes.size()];
    int hits = 0;
    List<Double> ious = new ArrayList<>();
    List<FaceDetection> unmatched = new ArrayList<>();
    for (FaceDetection d : sorted) {
      int best = -1;
      double bestIou = minIou;
      for (int i = 0; i < boxes.size(); i++) {
        DlibBoxes.Box b = boxes.get(i);
        double iou = NonMaxSuppression.iou(d.x(), d.y(), d.width(), d.height(), b.left(), b.top(), b.width(), b.height());
        if (!claimed[i] && iou >= bestIou) {
          best = i;
          bestIou = iou;
        }
      }
      if (best < 0) {
        unmatched.add(d);
      } else {
        claimed[best] = true;
        if (!boxes.get(best).ignore()) {
          hits++;
          ious.add(bestIou);
        }
      }
    }
    int misses = 0;
    for (int i = 0; i < boxes.size(); i++) {
      if (!claimed[i] && !boxes.get(i).ignore()) {
        misses++;
      }
    }
    return new DetectionMatch(hits, unmatched.size(), misses, ious, unmatched);
  }
}
