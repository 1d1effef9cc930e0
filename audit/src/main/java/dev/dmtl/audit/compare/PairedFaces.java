package dev.dmtl.audit.compare;

import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.input.FaceEncoder;
import dev.dmtl.audit.input.FaceKey;
import dev.dmtl.audit.input.FaceRows;
import dev.dmtl.audit.input.PredictionTable;
import dev.dmtl.audit.input.TaskColumns;
import dev.dmtl.contract.model.TaskSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The faces both prediction sets have, encoded for both models in one canonical order with one
 * cluster numbering, so that the bootstrap draws the same images for both.
 *
 * @param baseline the baseline's rows of the shared faces
 * @param candidate the candidate's rows of the same faces, in the same order, with the baseline's
 *     clusters
 * @param overlap how the two sets overlap
 */
record PairedFaces(FaceRows baseline, FaceRows candidate, Overlap overlap) {

  /**
   * Joins the two tables on (image SHA-256, face index).
   *
   * @param warnings receives one line per problem found
   * @throws ComparisonRefusedException when the sets have different tasks, no face in common, or
   *     disagree on the true labels of shared faces
   */
  static PairedFaces join(
      PredictionTable baseline,
      PredictionTable candidate,
      LabelOrigin labels,
      int probabilityBins,
      List<String> warnings)
      throws ComparisonRefusedException, IOException {
    if (!describe(baseline.tasks()).equals(describe(candidate.tasks()))) {
      throw new ComparisonRefusedException(
          "the two prediction sets have different tasks: baseline "
              + describe(baseline.tasks())
              + ", candidate "
              + describe(candidate.tasks()));
    }
    // each table's audited rows in canonical order, computed once (a sort of every row)
    int[] rowsB = FaceEncoder.rows(baseline, labels, warnings);
    int[] rowsC = FaceEncoder.rows(candidate, labels, new ArrayList<>());
    Map<FaceKey, Integer> b = keyed(baseline, rowsB, "baseline", warnings);
    Map<FaceKey, Integer> c = keyed(candidate, rowsC, "candidate", warnings);
    Set<FaceKey> shared = new HashSet<>(b.keySet());
    shared.retainAll(c.keySet());
    Overlap overlap =
        new Overlap(rowsB.length - shared.size(), rowsC.length - shared.size(), shared.size());
    if (shared.isEmpty()) {
      throw new ComparisonRefusedException(
          "the two prediction sets have no face in common (by image SHA-256 and face index): "
              + rowsB.length
              + " baseline and "
              + rowsC.length
              + " candidate faces");
    }
    int[] keepB = kept(rowsB, b, shared);
    int[] keepC = kept(rowsC, c, shared);
    if (!order(baseline, keepB).equals(order(candidate, keepC))) {
      // canonical order sorts by image hash, then the input's address: the same image under two
      // names in one run and one name in the other can leave the shared faces in another order
      throw new ComparisonRefusedException(
          "the shared faces come in a different order in the two runs (an image under different"
              + " names?): compare runs over the same inputs");
    }
    FaceRows fb = FaceEncoder.encodeRows(baseline, labels, probabilityBins, warnings, keepB);
    FaceRows fc =
        FaceEncoder.encodeRows(candidate, labels, probabilityBins, new ArrayList<>(), keepC);
    checkTruth(fb, fc);
    // the bootstrap draws images: both models must number them alike, the baseline's numbering
    FaceRows paired =
        new FaceRows(
            fc.n(), fc.tasks(), fb.cluster(), fc.address(), fc.relativePath(), fc.imageSha256());
    return new PairedFaces(fb, paired, overlap);
  }

  private static String describe(List<TaskSpec> tasks) {
    return tasks.stream()
        .map(t -> t.name() + (t.labels().isEmpty() ? "" : t.labels().toString()))
        .toList()
        .toString();
  }

  /** The audited rows by face key; rows without a hash and repeated keys are left out. */
  private static Map<FaceKey, Integer> keyed(
      PredictionTable table, int[] rows, String which, List<String> warnings) {
    Map<FaceKey, Integer> out = new HashMap<>();
    int noHash = 0;
    int repeated = 0;
    for (int row : rows) {
      FaceKey key = table.faceKey(row);
      if (key == null) {
        noHash++;
      } else if (out.putIfAbsent(key, row) != null) {
        repeated++;
      }
    }
    if (noHash > 0) {
      warnings.add(which + ": " + noHash + " face rows have no image SHA-256 and are not compared");
    }
    if (repeated > 0) {
      warnings.add(
          which
              + ": "
              + repeated
              + " face rows repeat an (image SHA-256, face index) seen before (the same image"
              + " under another name): only the first is compared");
    }
    return out;
  }

  /** The rows (in their canonical order) whose face is shared and which are its first row. */
  private static int[] kept(int[] rows, Map<FaceKey, Integer> keyed, Set<FaceKey> shared) {
    Set<Integer> keep = new HashSet<>();
    for (FaceKey k : shared) {
      keep.add(keyed.get(k));
    }
    return Arrays.stream(rows).filter(keep::contains).toArray();
  }

  private static List<FaceKey> order(PredictionTable table, int[] rows) {
    return Arrays.stream(rows).mapToObj(table::faceKey).toList();
  }

  /** Groups come from the truth: both runs must have the same truth for every shared face. */
  private static void checkTruth(FaceRows b, FaceRows c) throws ComparisonRefusedException {
    for (int t = 0; t < b.tasks().size(); t++) {
      TaskColumns tb = b.tasks().get(t);
      TaskColumns tc = c.tasks().get(t);
      boolean same =
          tb.truth() != null
              ? Arrays.equals(tb.truth(), tc.truth())
              : Arrays.equals(tb.truthLow(), tc.truthLow())
                  && Arrays.equals(tb.truthHigh(), tc.truthHigh());
      if (!same) {
        throw new ComparisonRefusedException(
            "the two prediction sets disagree on the true "
                + tb.task().name()
                + " of shared faces: compare needs the same ground truth for both (same --labels"
                + " source and label columns)");
      }
    }
  }
}
