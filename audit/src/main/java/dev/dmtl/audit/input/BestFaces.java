package dev.dmtl.audit.input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One face per input, for labels that describe one person per image (UTKFace names): the face with
 * the highest {@code face_score}, then the lowest {@code face_index}, in canonical order.
 */
public final class BestFaces {

  private BestFaces() {}

  /**
   * The rows to keep, in the order given.
   *
   * @param order every row once, in canonical order (an input's rows are adjacent)
   * @param warnings receives one line when faces are left out
   */
  static int[] select(PredictionTable table, int[] order, List<String> warnings) {
    Map<String, Integer> best = new LinkedHashMap<>();
    for (int i : order) {
      String address = table.address(i);
      Integer current = best.get(address);
      if (current == null || better(table, i, current)) {
        best.put(address, i);
      }
    }
    int dropped = table.rows() - best.size();
    if (dropped > 0) {
      warnings.add(
          dropped
              + " extra faces in images with several faces were left out: a UTKFace name labels one "
              + "person, so only each image's best face (highest face_score) is audited");
    }
    return best.values().stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean better(PredictionTable t, int a, int b) {
    return better(t.faceScore(a), t.faceIndex(a), t.faceScore(b), t.faceIndex(b));
  }

  /**
   * The rule, for any reader of prediction rows: face a beats face b with a higher score, then a
   * lower index. A missing score is −∞, a missing index {@link Integer#MAX_VALUE}.
   */
  public static boolean better(double scoreA, int indexA, double scoreB, int indexB) {
    if (scoreA != scoreB) {
      return scoreA > scoreB;
    }
    return indexA < indexB;
  }
}
