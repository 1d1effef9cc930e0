package dev.dmtl.tools.check;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunManifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares run outputs on content, not order, and checks one output's invariants. Plain logic over
 * {@link RunOutput}s; {@link CheckOutputs} is the command around it.
 */
public final class OutputComparison {

  /** Differences listed in full up to this many; the rest are counted. */
  static final int MAX_LISTED = 10;

  private OutputComparison() {}

  /**
   * The result of a comparison or check.
   *
   * @param problems what differs or is wrong, at most {@link #MAX_LISTED} listed; empty when all is
   *     well
   * @param problemCount all problems found, listed or not
   * @param summary one line: what was compared and, for comparisons, the largest numeric difference
   */
  public record Result(List<String> problems, int problemCount, String summary) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problemCount == 0;
    }
  }

  /**
   * Whether {@code a} and {@code b} hold the same rows (keyed by input address and face index,
   * every column equal; floating-point values within {@code tolerance}, absolute or relative) and
   * the same dead letters (as a multiset of all their columns). Row and file order are ignored; so
   * are the manifests, which differ in run id and times.
   *
   * @param tolerance largest accepted |x − y| / max(1, |x|, |y|) for float and double values
   */
  public static Result compare(RunOutput a, RunOutput b, double tolerance) {
    Problems problems = new Problems();
    Map<String, Map<String, Object>> rowsA = byFace(a, problems, " in the first output");
    Map<String, Map<String, Object>> rowsB = byFace(b, problems, " in the second output");
    for (String key : rowsA.keySet()) {
      if (!rowsB.containsKey(key)) {
        problems.add("row only in the first output: " + key);
      }
    }
    for (String key : rowsB.keySet()) {
      if (!rowsA.containsKey(key)) {
        problems.add("row only in the second output: " + key);
      }
    }
    double maxDiff = 0;
    for (Map.Entry<String, Map<String, Object>> e : rowsA.entrySet()) {
      Map<String, Object> other = rowsB.get(e.getKey());
      if (other == null) {
        continue;
      }
      Set<String> columns = new LinkedHashSet<>(e.getValue().keySet());
      columns.addAll(other.keySet());
      for (String column : columns) {
        double diff = difference(e.getValue().get(column), other.get(column));
        if (diff > tolerance) {
          problems.add(
              "row "
                  + e.getKey()
                  + " column "
                  + column
                  + ": "
                  + e.getValue().get(column)
                  + " vs "
                  + other.get(column));
        } else {
          maxDiff = Math.max(maxDiff, diff);
        }
      }
    }
    Map<String, Integer> deadA = multiset(a.deadLetters());
    Map<String, Integer> deadB = multiset(b.deadLetters());
    Set<String> keys = new LinkedHashSet<>(deadA.keySet());
    keys.addAll(deadB.keySet());
    for (String key : keys) {
      int na = deadA.getOrDefault(key, 0);
      int nb = deadB.getOrDefault(key, 0);
      if (na != nb) {
        problems.add(
            "dead letter " + na + "× in the first output, " + nb + "× in the second: " + key);
      }
    }
    String summary =
        a.rows().size()
            + " vs "
            + b.rows().size()
            + " rows, "
            + a.deadLetters().size()
            + " vs "
            + b.deadLetters().size()
            + " dead letters; largest relative difference of equal values "
            + String.format(java.util.Locale.ROOT, "%.3g", maxDiff);
    return problems.result(summary);
  }

  /**
   * Checks one published output: it has a manifest whose counts add up and match the files; no face
   * row appears twice; no input has two dead letters or both rows and a dead letter; and, when
   * {@code expectedInputs} is given (input addresses, as {@link RunOutput#address}), every one of
   * them is accounted for and nothing else is.
   */
  public static Result check(RunOutput out, Collection<String> expectedInputs) {
    Problems problems = new Problems();
    RunManifest.Counts counts = out.manifest() == null ? null : out.manifest().counts();
    if (counts == null) {
      problems.add("no manifest.json in " + out.dir());
    } else {
      long seen = counts.inputsSeen();
      long withRows = counts.inputsWithRows();
      long rows = counts.rows();
      long dead = counts.deadLetters();
      if (seen != withRows + dead) {
        problems.add(
            "manifest: inputs_seen "
                + seen
                + " != inputs_with_rows "
                + withRows
                + " + dead_letters "
                + dead);
      }
      if (rows != out.rows().size()) {
        problems.add(
            "manifest says " + rows + " rows, predictions.parquet holds " + out.rows().size());
      }
      if (dead != out.deadLetters().size()) {
        problems.add(
            "manifest says "
                + dead
                + " dead letters, dead_letters.parquet holds "
                + out.deadLetters().size());
      }
      if (expectedInputs != null && seen != expectedInputs.size()) {
        problems.add(
            "manifest says " + seen + " inputs seen, " + expectedInputs.size() + " were listed");
      }
    }
    byFace(out, problems, "");
    Set<String> withRows = new HashSet<>();
    out.rows().forEach(r -> withRows.add(RunOutput.address(r)));
    Set<String> dead = new HashSet<>();
    for (Map<String, Object> d : out.deadLetters()) {
      String address = RunOutput.address(d);
      if (!dead.add(address)) {
        problems.add("two dead letters for " + address);
      }
      if (withRows.contains(address)) {
        problems.add("both rows and a dead letter for " + address);
      }
    }
    Set<String> accounted = new HashSet<>(withRows);
    accounted.addAll(dead);
    if (expectedInputs != null) {
      Set<String> expected = new HashSet<>(expectedInputs);
      for (String input : expected) {
        if (!accounted.contains(input)) {
          problems.add("input neither predicted nor dead-lettered: " + input);
        }
      }
      for (String input : accounted) {
        if (!expected.contains(input)) {
          problems.add("output for an input that was not listed: " + input);
        }
      }
    }
    String summary =
        accounted.size()
            + " distinct inputs: "
            + withRows.size()
            + " with "
            + out.rows().size()
            + " rows, "
            + dead.size()
            + " with a dead letter"
            + (expectedInputs == null ? "" : ", " + expectedInputs.size() + " listed");
    return problems.result(summary);
  }

  /** Rows keyed by {@code address#face_index}; a repeated key is a problem. */
  private static Map<String, Map<String, Object>> byFace(
      RunOutput out, Problems problems, String which) {
    Map<String, Map<String, Object>> rows = new TreeMap<>();
    for (Map<String, Object> r : out.rows()) {
      String key = RunOutput.address(r) + "#" + r.get(PredictionColumns.FACE_INDEX);
      if (rows.put(key, r) != null) {
        problems.add("row twice" + which + ": " + key);
      }
    }
    return rows;
  }

  private static Map<String, Integer> multiset(List<Map<String, Object>> rows) {
    Map<String, Integer> counts = new HashMap<>();
    rows.forEach(r -> counts.merge(new TreeMap<>(r).toString(), 1, Integer::sum));
    return counts;
  }

  /**
   * 0 for equal values, the relative difference for numbers (lists: the largest), infinity
   * otherwise.
   */
  static double difference(Object x, Object y) {
    if (Objects.equals(x, y)) {
      return 0;
    }
    if ((x instanceof Float || x instanceof Double)
        && (y instanceof Float || y instanceof Double)) {
      double a = ((Number) x).doubleValue();
      double b = ((Number) y).doubleValue();
      if (Double.isNaN(a) && Double.isNaN(b)) {
        return 0;
      }
      return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
    if (x instanceof List<?> a && y instanceof List<?> b && a.size() == b.size()) {
      double max = 0;
      for (int i = 0; i < a.size(); i++) {
        max = Math.max(max, difference(a.get(i), b.get(i)));
      }
      return max;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Collects problems, keeping the first few. */
  private static final class Problems {
    private final List<String> listed = new ArrayList<>();
    private int count;

    void add(String problem) {
      if (listed.size() < MAX_LISTED) {
        listed.add(problem);
      }
      count++;
    }

    Result result(String summary) {
      return new Result(listed, count, summary);
    }
  }
}
