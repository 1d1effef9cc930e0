package dev.dmtl.audit.input;

import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.engine.Binning;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;

/**
 * Turns the prediction table into typed per-task arrays ({@link FaceRows}) in canonical order, with
 * the ground truth from where the options say: the {@code label_*} columns, or the UTKFace names of
 * the inputs (then one face per input, {@link BestFaces}). Values outside the model's labels become
 * unknown, each kind counted in one warning. The probability vectors are read in a second pass and
 * kept as floats (nominal) or as bin sums against the truth (ordinal thresholds).
 */
public final class FaceEncoder {

  private FaceEncoder() {}

  /**
   * @param probabilityBins equal-width bins of the threshold probabilities' reliability sums
   * @param warnings receives one line per problem found (unknown label values, …)
   * @throws IOException when the second pass over the files fails
   */
  public static FaceRows encode(
      PredictionTable table, LabelOrigin labels, int probabilityBins, List<String> warnings)
      throws IOException {
    return encode(table, labels, probabilityBins, warnings, row -> true);
  }

  /**
   * The rows an audit with these labels encodes (every row, or with UTKFace names the best face of
   * each input), as table row indices in canonical order.
   */
  public static int[] rows(PredictionTable table, LabelOrigin labels, List<String> warnings) {
    int[] order = table.canonicalOrder();
    return labels == LabelOrigin.UTKFACE_NAMES ? BestFaces.select(table, order, warnings) : order;
  }

  /**
   * Like {@link #encode(PredictionTable, LabelOrigin, int, List)}, restricted to the table rows
   * {@code include} accepts (a comparison of two models keeps the faces both have).
   */
  public static FaceRows encode(
      PredictionTable table,
      LabelOrigin labels,
      int probabilityBins,
      List<String> warnings,
      IntPredicate include)
      throws IOException {
    int[] keep = Arrays.stream(rows(table, labels, warnings)).filter(include).toArray();
    return encodeRows(table, labels, probabilityBins, warnings, keep);
  }

  /**
   * Like {@link #encode(PredictionTable, LabelOrigin, int, List)}, for rows already chosen from
   * {@link #rows} (in its order), so that a caller that needs them too sorts the table only once.
   */
  public static FaceRows encodeRows(
      PredictionTable table,
      LabelOrigin labels,
      int probabilityBins,
      List<String> warnings,
      int[] keep)
      throws IOException {
    boolean fromNames = labels == LabelOrigin.UTKFACE_NAMES;
    FaceLabels[] nameLabels = fromNames ? nameLabels(table, keep, warnings) : null;
    List<TaskColumns> out = new ArrayList<>();
    for (TaskSpec t : table.tasks()) {
      out.add(
          t.kind() == TaskKind.NOMINAL
              ? nominal(table, t, keep, nameLabels, warnings)
              : ordinal(table, t, keep, nameLabels, warnings));
    }
    out = ListColumns.read(table, keep, out, Binning.equalWidth(probabilityBins), warnings);
    // from here on a task with a label map is the task in the ground truth's labels: its rows
    // were coded through the map above
    out = out.stream().map(c -> c.withTask(c.task().groundTruthView())).toList();
    int n = keep.length;
    int[] cluster = new int[n];
    String[] address = new String[n];
    String[] relativePath = new String[n];
    String[] sha = new String[n];
    // Rows of one input are next to each other in canonical order (sorted by image hash, then
    // address), so a new cluster starts wherever the address changes: numbered in canonical order.
    int clusters = 0;
    for (int j = 0; j < n; j++) {
      int i = keep[j];
      address[j] = table.address(i);
      if (j == 0 || !address[j].equals(address[j - 1])) {
        clusters++;
      }
      cluster[j] = clusters - 1;
      relativePath[j] = table.relativePath(i);
      sha[j] = table.imageSha256(i);
    }
    return new FaceRows(n, out, cluster, address, relativePath, sha);
  }

  private static FaceLabels[] nameLabels(PredictionTable table, int[] keep, List<String> warnings) {
    FaceLabels[] out = new FaceLabels[keep.length];
    int unparsed = 0;
    for (int j = 0; j < keep.length; j++) {
      out[j] = UtkFaceNames.parse(table.labelledName(keep[j])).orElse(FaceLabels.NONE);
      if (out[j].isEmpty()) {
        unparsed++;
      }
    }
    if (unparsed > 0) {
      warnings.add(
          unparsed
              + " of "
              + keep.length
              + " face rows have names that are not UTKFace names: unlabelled");
    }
    return out;
  }

  private static TaskColumns nominal(
      PredictionTable table,
      TaskSpec t,
      int[] keep,
      FaceLabels[] nameLabels,
      List<String> warnings) {
    StringColumn pred = table.strings(PredictionColumns.predicted(t.name()));
    DoubleColumn conf = table.doubles(PredictionColumns.confidence(t.name()));
    StringColumn label = table.strings(PredictionColumns.label(t.name()));
    // truth is coded in the ground truth's labels; a prediction through the model's label map
    // when it has one (the files keep the model's labels)
    List<String> truthLabels = t.groundTruthView().labels();
    Map<String, Integer> code = new HashMap<>();
    for (int c = 0; c < truthLabels.size(); c++) {
      code.put(truthLabels.get(c), c);
    }
    Map<String, Integer> predCode = new HashMap<>(code);
    if (t.isMapped()) {
      predCode.clear();
      t.labelMap().forEach((model, truth) -> predCode.put(model, code.get(truth)));
    }
    int n = keep.length;
    int[] truth = new int[n];
    int[] predicted = new int[n];
    double[] confidence = new double[n];
    Unknown unknownTruth = new Unknown();
    Unknown unknownPred = new Unknown();
    for (int j = 0; j < n; j++) {
      int i = keep[j];
      String p = pred.isMissing(i) ? null : pred.get(i);
      predicted[j] = unknownPred.code(p, predCode);
      confidence[j] = conf.isMissing(i) ? Double.NaN : conf.getDouble(i);
      String l =
          nameLabels != null
              ? nameLabels[j].nominalFor(t)
              : label.isMissing(i) ? null : label.get(i);
      truth[j] = unknownTruth.code(l, code);
    }
    if (unknownTruth.rows > 0) {
      warnings.add(
          unknownTruth.rows
              + " rows have "
              + t.name()
              + " labels the model does not have ("
              + unknownTruth.values()
              + "; model labels "
              + truthLabels
              + "): treated as unlabelled");
    }
    if (unknownPred.rows > 0) {
      warnings.add(
          unknownPred.rows
              + " rows have predicted "
              + t.name()
              + " values outside the model's labels ("
              + unknownPred.values()
              + "): treated as missing predictions");
    }
    return new TaskColumns(t, truth, predicted, confidence, null, null, null, null, null, null);
  }

  private static TaskColumns ordinal(
      PredictionTable table,
      TaskSpec t,
      int[] keep,
      FaceLabels[] nameLabels,
      List<String> warnings) {
    IntColumn pred = table.ints(PredictionColumns.predicted(t.name()));
    DoubleColumn expectedCol = table.doubles(PredictionColumns.expected(t.name()));
    IntColumn label = table.ints(PredictionColumns.label(t.name()));
    IntColumn labelMin = table.ints(PredictionColumns.labelMin(t.name()));
    IntColumn labelMax = table.ints(PredictionColumns.labelMax(t.name()));
    int n = keep.length;
    double[] low = new double[n];
    double[] high = new double[n];
    double[] rank = new double[n];
    double[] expected = new double[n];
    int badRanges = 0;
    for (int j = 0; j < n; j++) {
      int i = keep[j];
      rank[j] = pred.isMissing(i) ? Double.NaN : pred.getInt(i);
      expected[j] = expectedCol.isMissing(i) ? Double.NaN : expectedCol.getDouble(i);
      low[j] = Double.NaN;
      high[j] = Double.NaN;
      if (nameLabels != null) {
        Integer age = nameLabels[j].answersOrdinal(t.name()) ? nameLabels[j].age() : null;
        if (age != null) {
          low[j] = age;
          high[j] = age;
        }
      } else if (!label.isMissing(i)) {
        low[j] = label.getInt(i);
        high[j] = label.getInt(i);
      } else if (!labelMin.isMissing(i) && !labelMax.isMissing(i)) {
        int a = labelMin.getInt(i);
        int b = labelMax.getInt(i);
        if (a <= b && a >= 0) {
          low[j] = a;
          high[j] = b;
        } else {
          badRanges++;
        }
      }
    }
    if (badRanges > 0) {
      warnings.add(
          badRanges
              + " rows have "
              + t.name()
              + " label ranges with min > max or negative bounds: unlabelled");
    }
    return new TaskColumns(t, null, null, null, low, high, rank, expected, null, null);
  }

  /**
   * Values that are not among the model's labels: counted, and the first few kept for the warning.
   */
  private static final class Unknown {
    private final Set<String> seen = new LinkedHashSet<>();
    private int rows;

    /** The label's index, or -1 when missing or unknown (counted). */
    int code(String value, Map<String, Integer> codes) {
      if (value == null) {
        return -1;
      }
      Integer c = codes.get(value);
      if (c == null) {
        seen.add(value);
        rows++;
        return -1;
      }
      return c;
    }

    String values() {
      List<String> list = new ArrayList<>(seen);
      return list.size() <= 5
          ? list.toString()
          : list.subList(0, 5) + " and " + (list.size() - 5) + " more";
    }
  }
}
