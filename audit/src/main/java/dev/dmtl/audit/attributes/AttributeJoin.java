package dev.dmtl.audit.attributes;

import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.contract.labels.LabelSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.StringColumn;

/**
 * Joins an attribute file to the audited inputs (a left outer join on the key, by a hash index of
 * the Tablesaw key column), bins its numeric columns, and codes every input's value of every
 * attribute. Nothing is dropped: an input without a row in the file, or with an empty cell, has the
 * value {@value #UNKNOWN}, a group of its own; file rows that match no input are counted.
 */
public final class AttributeJoin {

  /** The value of an input whose attribute is missing (no row in the file, or an empty cell). */
  public static final String UNKNOWN = GroupKey.UNKNOWN;

  /** More groups than this in one attribute is a column that does not group, or needs --bins. */
  static final int MAX_VALUES = 50;

  /**
   * One attribute as the audit groups by it.
   *
   * @param name the column
   * @param values its values in order ({@value #UNKNOWN} last, when any input has it)
   * @param rule the binning of a numeric column, or null
   * @param cuts the cut points actually used (quantiles as computed), empty for text columns
   * @param unknown inputs with the value {@value #UNKNOWN}
   */
  public record Column(
      String name, List<String> values, BinRule rule, List<Double> cuts, long unknown) {
    public Column {
      values = List.copyOf(values);
      cuts = List.copyOf(cuts);
    }
  }

  /**
   * The join.
   *
   * @param columns the attributes, in file order
   * @param codes per attribute, per input the index of its value in {@link Column#values()}
   * @param inputsWithoutRow inputs whose key is not in the file
   * @param rowsWithoutInput file rows whose key matches no audited input
   */
  public record Joined(
      List<Column> columns, int[][] codes, long inputsWithoutRow, long rowsWithoutInput) {
    public Joined {
      columns = List.copyOf(columns);
    }
  }

  private AttributeJoin() {}

  /**
   * Joins the file to the inputs.
   *
   * @param relativePath per input its relative path (null where unknown)
   * @param imageSha256 per input its SHA-256 (null where unknown)
   * @throws AttributeFileException when the inputs cannot be keyed as the file is (paths from an
   *     older run), or an attribute has too many values or only one
   */
  public static Joined join(
      AttributeFile file, List<BinRule> bins, String[] relativePath, String[] imageSha256)
      throws AttributeFileException {
    int n = relativePath.length;
    String[] keys = new String[n];
    boolean anyKey = false;
    for (int i = 0; i < n; i++) {
      String k = file.key() == AttributeFile.Key.PATH ? relativePath[i] : imageSha256[i];
      if (k != null) {
        keys[i] =
            file.key() == AttributeFile.Key.PATH
                ? LabelSource.normalise(k)
                : k.toLowerCase(Locale.ROOT);
        anyKey = true;
      }
    }
    if (!anyKey && n > 0) {
      throw new AttributeFileException(
          file.path()
              + " is keyed by "
              + file.key().column()
              + ", which the prediction files do not record"
              + (file.key() == AttributeFile.Key.PATH
                  ? " (written by an older dmtl): key the file by image_sha256, or run dmtl infer again"
                  : ""));
    }
    // The join: each input looks its key up in a hash index of the file's key column (keys are
    // unique, AttributeFile checked). Tablesaw's own joinOn(...).LEFT_OUTER does the same with a
    // bitmap per key and took 7.9 s for a million inputs, against a fraction of a second here
    // (docs/BENCHMARKS.md); the file is still read, typed and checked by Tablesaw.
    StringColumn fileKeys = file.table().stringColumn(file.key().column());
    Map<String, Integer> rowOfKey = new HashMap<>(fileKeys.size() * 2);
    for (int r = 0; r < fileKeys.size(); r++) {
      rowOfKey.put(fileKeys.get(r), r);
    }
    List<String> attributes = file.attributes();
    List<tech.tablesaw.columns.Column<?>> fileColumns =
        attributes.stream()
            .<tech.tablesaw.columns.Column<?>>map(a -> file.table().column(a))
            .toList();
    Object[][] cells = new Object[attributes.size()][n];
    boolean[] matched = new boolean[n];
    boolean[] fileRowMatched = new boolean[fileKeys.size()];
    for (int i = 0; i < n; i++) {
      Integer r = keys[i] == null ? null : rowOfKey.get(keys[i]);
      if (r == null) {
        continue;
      }
      // a key of the file: its row was matched even when every cell of it is empty
      matched[i] = true;
      fileRowMatched[r] = true;
      for (int a = 0; a < attributes.size(); a++) {
        tech.tablesaw.columns.Column<?> col = fileColumns.get(a);
        if (!col.isMissing(r)) {
          cells[a][i] = col.get(r);
        }
      }
    }
    long withoutRow = 0;
    for (boolean m : matched) {
      if (!m) {
        withoutRow++;
      }
    }
    long rowsWithoutInput = 0;
    for (boolean m : fileRowMatched) {
      if (!m) {
        rowsWithoutInput++;
      }
    }
    List<Column> columns = new ArrayList<>();
    int[][] codes = new int[attributes.size()][];
    for (int a = 0; a < attributes.size(); a++) {
      String name = attributes.get(a);
      BinRule rule = bins.stream().filter(b -> b.column().equals(name)).findFirst().orElse(null);
      Coded coded = rule == null ? categorical(file, name, cells[a]) : binned(file, rule, cells[a]);
      columns.add(coded.column());
      codes[a] = coded.codes();
    }
    return new Joined(columns, codes, withoutRow, rowsWithoutInput);
  }

  private record Coded(Column column, int[] codes) {}

  /** A text column: its distinct values, in numeric order when they are all numbers. */
  private static Coded categorical(AttributeFile file, String name, Object[] cells)
      throws AttributeFileException {
    Set<String> distinct = new TreeSet<>();
    for (Object c : cells) {
      if (c != null) {
        distinct.add(c.toString().strip());
      }
    }
    distinct.remove(UNKNOWN);
    if (distinct.size() > MAX_VALUES) {
      boolean numbers = distinct.stream().allMatch(AttributeJoin::isNumber);
      throw new AttributeFileException(
          file.path()
              + ": column '"
              + name
              + "' has "
              + distinct.size()
              + " distinct values among the audited inputs; an attribute must group them"
              + (numbers
                  ? ": it is numeric, so give --bins " + name + "=q4 (quartiles) or cut points"
                  : " (at most " + MAX_VALUES + " groups): use a coarser column"));
    }
    List<String> values = new ArrayList<>(distinct);
    if (values.stream().allMatch(AttributeJoin::isNumber)) {
      values.sort(Comparator.comparingDouble(Double::parseDouble));
    }
    return code(file, name, values, cells, null, List.of(), v -> v.toString().strip());
  }

  /** A numeric column cut into bins: at the rule's cut points or the audited inputs' quantiles. */
  private static Coded binned(AttributeFile file, BinRule rule, Object[] cells)
      throws AttributeFileException {
    double[] cuts;
    if (rule.quantiles() > 0) {
      double[] present =
          Arrays.stream(cells)
              .filter(c -> c != null)
              .mapToDouble(c -> (Double) c)
              .sorted()
              .toArray();
      if (present.length == 0) {
        throw new AttributeFileException(
            file.path()
                + ": column '"
                + rule.column()
                + "' has no value for any audited input, so it has no quantiles");
      }
      cuts = new double[rule.quantiles() - 1];
      for (int j = 1; j < rule.quantiles(); j++) {
        cuts[j - 1] = quantile(present, (double) j / rule.quantiles());
      }
      for (int j = 1; j < cuts.length; j++) {
        if (!(cuts[j] > cuts[j - 1])) {
          throw new AttributeFileException(
              file.path()
                  + ": column '"
                  + rule.column()
                  + "' has too many equal values for "
                  + rule.quantiles()
                  + " quantile bins (cuts "
                  + Arrays.toString(cuts)
                  + "); give cut points with --bins "
                  + rule.column()
                  + "=A,B,…");
        }
      }
    } else {
      cuts = rule.cuts().stream().mapToDouble(Double::doubleValue).toArray();
    }
    List<String> values = new ArrayList<>();
    for (int b = 0; b <= cuts.length; b++) {
      values.add(rule.quantiles() > 0 ? "q" + (b + 1) : binLabel(cuts, b));
    }
    double[] c = cuts;
    return code(
        file,
        rule.column(),
        values,
        cells,
        rule,
        Arrays.stream(cuts).boxed().toList(),
        v -> values.get(bin(c, (Double) v)));
  }

  /** R-7 quantile of sorted values. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The bin of a value: the number of cuts at or below it. */
  static int bin(double[] cuts, double v) {
    int b = 0;
    while (b < cuts.length && cuts[b] <= v) {
      b++;
    }
    return b;
  }

  /** {@code <64}, {@code 64-128}, {@code >=192}: each bin includes its lower cut. */
  static String binLabel(double[] cuts, int b) {
    if (b == 0) {
      return "<" + BinRule.number(cuts[0]);
    }
    if (b == cuts.length) {
      return ">=" + BinRule.number(cuts[b - 1]);
    }
    return BinRule.number(cuts[b - 1]) + "-" + BinRule.number(cuts[b]);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private interface Label {
    String of(Object cell);
  }

  private static Coded code(
      AttributeFile file,
      String name,
      List<String> known,
      Object[] cells,
      BinRule rule,
      List<Double> cuts,
      Label label)
      throws AttributeFileException {
    int n = cells.length;
    int[] codes = new int[n];
    long unknown = 0;
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int v = 0; v < known.size(); v++) {
      index.put(known.get(v), v);
    }
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String v = cells[i] == null ? UNKNOWN : label.of(cells[i]);
      Integer code = index.get(v);
      if (code == null) {
        unknown++;
        code = known.size(); // UNKNOWN, appended below
      } else {
        used.add(code);
      }
      codes[i] = code;
    }
    if (used.size() < 2) {
      throw new AttributeFileException(
          file.path()
              + ": attribute '"
              + name
              + "' has "
              + (used.isEmpty()
                  ? "no value"
                  : "one value (" + known.get(used.iterator().next()) + ")")
              + " among the "
              + n
              + " audited inputs: it cannot compare groups");
    }
    List<String> values = new ArrayList<>(known);
    if (unknown > 0) {
      values.add(UNKNOWN);
    }
    return new Coded(new Column(name, values, rule, cuts, unknown), codes);
  }
}
