package dev.dmtl.testdata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Detections of one image matched to its annotated boxes, PASCAL-style: detections are taken best
 * first, each claims the still-unclaimed annotated box it overlaps most, if that IoU is at least
 * the threshold. A claimed counted box is a hit; a claimed ignore box is neither hit nor false
 * alarm; an unmatched detection is a false alarm; an unclaimed counted box is a miss. The scoring
 * the detector tests and the developer tools share; generic in the detection type, which the caller
 * describes.
 *
 * @param hits detections matched to counted boxes
 * @param falseAlarms detections matched to nothing
 * @param misses counted boxes no detection matched
 * @param matchedIous IoU of each hit, in detection order
 * @param unmatched the false-alarm detections, for inspection
 * @param <T> the detection type
 */
public record DetectionMatch<T>(
    int hits, int falseAlarms, int misses, List<Double> matchedIous, List<T> unmatched) {

  /**
   * How much a detection overlaps an annotated box: intersection over union, computed by the
   * caller's own geometry (the detector's, so the tests and tools measure what the product does).
   *
   * @param <T> the detection type
   */
  @FunctionalInterface
  public interface Overlap<T> {
    double iou(T detection, DlibBoxes.Box box);
  }

  public DetectionMatch {
    matchedIous = List.copyOf(matchedIous);
    unmatched = List.copyOf(unmatched);
  }

  /**
   * Matches {@code detections} to {@code boxes} at {@code minIou} (0.5 in the benchmarks).
   *
   * @param score a detection's confidence; higher is taken first
   * @param overlap a detection's IoU with an annotated box
   */
  public static <T> DetectionMatch<T> of(
      List<T> detections,
      ToDoubleFunction<T> score,
      Overlap<T> overlap,
      List<DlibBoxes.Box> boxes,
      double minIou) {
    List<T> sorted = new ArrayList<>(detections);
    sorted.sort(Comparator.comparingDouble(score).reversed());
    boolean[] claimed = new boolean[boxes.size()];
    int hits = 0;
    List<Double> ious = new ArrayList<>();
    List<T> unmatched = new ArrayList<>();
    for (T d : sorted) {
      int best = -1;
      double bestIou = minIou;
      for (int i = 0; i < boxes.size(); i++) {
        double iou = overlap.iou(d, boxes.get(i));
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
    return new DetectionMatch<>(hits, unmatched.size(), misses, ious, unmatched);
  }
}
