package dev.dmtl.audit.input;

import dev.dmtl.audit.config.LabelSource;
import dev.dmtl.audit.result.TaskSource;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.rows.PredictionColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.PrimitiveType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The prediction rows of one or more {@code dmtl infer} Parquet files, held in a Tablesaw table
 * with the columns the audit needs (column names from {@link PredictionColumns}). The task list
 * comes from the {@code dmtl.run} footer ({@link RunMetadata}) or, failing that, from the columns:
 * every {@code <task>_pred} column is a task, ordinal when {@code <task>_expected} exists or the
 * prediction is an integer, nominal otherwise, with labels from the values seen (UTKFace order for
 * UTKFace's labels, else sorted). Tablesaw stays inside this package; out come typed arrays.
 */
public final class PredictionTable {

  private final Table table;
  private final List<TaskDef> tasks;
  private final TaskSource taskSource;
  private final String modelSha256;
  private final Map<Path, Long> rowsPerFile;
  private final List<String> warnings;

  private PredictionTable(Table table, List<TaskDef> tasks, TaskSource taskSource, String modelSha256,
      Map<Path, Long> rowsPerFile, List<String> warnings) {
    this.table = table;
    this.tasks = List.copyOf(tasks);
    this.taskSource = taskSource;
    this.modelSha256 = modelSha256;
    this.rowsPerFile = Collections.unmodifiableMap(rowsPerFile);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads prediction files.
   *
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException when the files disagree on tasks or model, or have no task
   */
  public static PredictionTable read(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no prediction files given");
    }
    List<ParquetFile> opened = new ArrayList<>();
    for (Path f : files) {
      opened.add(ParquetFile.open(f));
    }
    List<String> warnings = new ArrayList<>();
    RunMetadata meta = agreeingMetadata(opened);
    List<TaskShape> shapes;
    TaskSource source;
    if (!meta.tasks().isEmpty()) {
      source = TaskSource.FOOTER;
      shapes = new ArrayList<>();
      for (TaskDef t : meta.tasks()) {
        if (!opened.get(0).hasColumn(PredictionColumns.predicted(t.name()))) {
          warnings.add("the footer declares task '" + t.name() + "' but there is no column "
              + PredictionColumns.predicted(t.name()) + ": task skipped");
          continue;
        }
        shapes.add(new TaskShape(t.name(), t.kind(), t));
      }
    } else {
      source = TaskSource.COLUMNS;
      shapes = shapesFromColumns(opened.get(0));
      warnings.add("no task list in the footer key " + PredictionColumns.FOOTER_PROVENANCE
          + ": tasks and labels were inferred from the columns");
    }
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException(files.get(0) + " has no <task>_pred column: is it a prediction file?");
    }
    for (ParquetFile f : opened) {
      for (TaskShape s : shapes) {
        if (!f.hasColumn(PredictionColumns.predicted(s.name()))) {
          throw new IllegalArgumentException(f.path() + " has no column " + PredictionColumns.predicted(s.name())
              + ", which " + opened.get(0).path() + " has: the files come from different models");
        }
      }
    }

    Table table = Table.create("predictions");
    Map<String, Column<?>> columns = new LinkedHashMap<>();
    columns.put(PredictionColumns.SOURCE, StringColumn.create(PredictionColumns.SOURCE));
    columns.put(PredictionColumns.ENTRY, StringColumn.create(PredictionColumns.ENTRY));
    columns.put(PredictionColumns.FACE_INDEX, IntColumn.create(PredictionColumns.FACE_INDEX));
    columns.put(PredictionColumns.FACE_SCORE, DoubleColumn.create(PredictionColumns.FACE_SCORE));
    for (TaskShape s : shapes) {
      String t = s.name();
      if (s.kind() == TaskKind.NOMINAL) {
        columns.put(PredictionColumns.predicted(t), StringColumn.create(PredictionColumns.predicted(t)));
        columns.put(PredictionColumns.confidence(t), DoubleColumn.create(PredictionColumns.confidence(t)));
        columns.put(PredictionColumns.label(t), StringColumn.create(PredictionColumns.label(t)));
      } else {
        columns.put(PredictionColumns.predicted(t), IntColumn.create(PredictionColumns.predicted(t)));
        columns.put(PredictionColumns.expected(t), DoubleColumn.create(PredictionColumns.expected(t)));
        columns.put(PredictionColumns.label(t), IntColumn.create(PredictionColumns.label(t)));
        columns.put(PredictionColumns.labelMin(t), IntColumn.create(PredictionColumns.labelMin(t)));
        columns.put(PredictionColumns.labelMax(t), IntColumn.create(PredictionColumns.labelMax(t)));
      }
    }
    columns.values().forEach(table::addColumns);

    Map<Path, Long> rowsPerFile = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(columns.keySet());
    for (ParquetFile f : opened) {
      Schema projection = f.projection(names);
      List<BiConsumer<GenericRecord, Integer>> appenders = new ArrayList<>();
      List<Column<?>> absent = new ArrayList<>();
      for (String name : names) {
        Column<?> col = columns.get(name);
        Schema.Field field = projection.getField(name);
        if (field == null) {
          absent.add(col);
        } else {
          appenders.add(appender(col, field.pos(), f.path()));
        }
      }
      long before = table.rowCount();
      f.read(projection, r -> {
        for (BiConsumer<GenericRecord, Integer> a : appenders) {
          a.accept(r, 0);
        }
        for (Column<?> c : absent) {
          c.appendMissing();
        }
      });
      rowsPerFile.put(f.path(), table.rowCount() - before);
    }

    List<TaskDef> tasks = new ArrayList<>();
    for (TaskShape s : shapes) {
      tasks.add(s.declared() != null ? s.declared() : inferLabels(table, s));
    }
    return new PredictionTable(table, tasks, source, meta.modelSha256(), rowsPerFile, warnings);
  }

  private record TaskShape(String name, TaskKind kind, TaskDef declared) {}

  private static RunMetadata agreeingMetadata(List<ParquetFile> files) {
    RunMetadata first = null;
    Path firstPath = null;
    for (ParquetFile f : files) {
      String raw = f.footer(PredictionColumns.FOOTER_PROVENANCE);
      RunMetadata m;
      try {
        m = raw == null ? RunMetadata.NONE : RunMetadata.parse(raw);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(f.path() + ": " + e.getMessage(), e);
      }
      if (first == null) {
        first = m;
        firstPath = f.path();
        continue;
      }
      if (!Objects.equals(first.modelSha256(), m.modelSha256())) {
        throw new IllegalArgumentException("prediction files come from different models: " + firstPath + " has model "
            + first.modelSha256() + ", " + f.path() + " has " + m.modelSha256());
      }
      if (!first.tasks().equals(m.tasks())) {
        throw new IllegalArgumentException("prediction files declare different tasks: " + firstPath + " and " + f.path());
      }
    }
    return first;
  }

  private static List<TaskShape> shapesFromColumns(ParquetFile f) {
    List<TaskShape> out = new ArrayList<>();
    for (String c : f.columnNames()) {
      if (!c.endsWith("_pred") || c.length() <= "_pred".length()) {
        continue;
      }
      String task = c.substring(0, c.length() - "_pred".length());
      PrimitiveType.PrimitiveTypeName type = f.primitiveType(c);
      boolean ordinal = f.hasColumn(PredictionColumns.expected(task))
          || type == PrimitiveType.PrimitiveTypeName.INT32 || type == PrimitiveType.PrimitiveTypeName.INT64;
      out.add(new TaskShape(task, ordinal ? TaskKind.ORDINAL : TaskKind.NOMINAL, null));
    }
    return out;
  }

  private static TaskDef inferLabels(Table table, TaskShape s) {
    if (s.kind() == TaskKind.ORDINAL) {
      return new TaskDef(s.name(), TaskKind.ORDINAL, List.of(), List.of());
    }
    Set<String> seen = new TreeSet<>();
    seen.addAll(table.stringColumn(PredictionColumns.predicted(s.name())).unique().asSet());
    seen.addAll(table.stringColumn(PredictionColumns.label(s.name())).unique().asSet());
    seen.remove(""); // Tablesaw stores a missing string as ""
    List<String> labels;
    if (UtkFaceNames.GENDERS.containsAll(seen)) {
      labels = UtkFaceNames.GENDERS;
    } else if (UtkFaceNames.RACES.containsAll(seen)) {
      labels = UtkFaceNames.RACES;
    } else {
      labels = new ArrayList<>(seen);
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("task '" + s.name() + "' has no predicted values to infer its labels from");
    }
    return new TaskDef(s.name(), TaskKind.NOMINAL, labels, List.of());
  }

  private static BiConsumer<GenericRecord, Integer> appender(Column<?> col, int pos, Path file) {
    if (col instanceof StringColumn s) {
      return (r, x) -> {
        Object v = r.get(pos);
        if (v == null) {
          s.appendMissing();
        } else {
          s.append(v.toString());
        }
      };
    }
    if (col instanceof IntColumn i) {
      return (r, x) -> {
        Object v = r.get(pos);
        if (v == null) {
          i.appendMissing();
        } else if (v instanceof Number n) {
          i.append(Math.toIntExact(n.longValue()));
        } else {
          throw new IllegalArgumentException(file + ": column " + col.name() + " holds " + v.getClass().getSimpleName()
              + ", expected an integer");
        }
      };
    }
    DoubleColumn d = (DoubleColumn) col;
    return (r, x) -> {
      Object v = r.get(pos);
      if (v == null) {
        d.appendMissing();
      } else if (v instanceof Number n) {
        d.append(n.doubleValue());
      } else {
        throw new IllegalArgumentException(file + ": column " + col.name() + " holds " + v.getClass().getSimpleName()
            + ", expected a number");
      }
    };
  }

  public List<TaskDef> tasks() {
    return tasks;
  }

  public TaskSource taskSource() {
    return taskSource;
  }

  /** The model's SHA-256 from the footer, or empty. */
  public Optional<String> modelSha256() {
    return Optional.ofNullable(modelSha256);
  }

  /** Rows read per file, in reading order. */
  public Map<Path, Long> rowsPerFile() {
    return rowsPerFile;
  }

  /** Rows read (faces). */
  public int rows() {
    return table.rowCount();
  }

  public List<String> warnings() {
    return warnings;
  }

  /** {@code source} or {@code source!/entry} of row i, as {@link dev.dmtl.contract.rows.DeadLetter#address()}. */
  String address(int i) {
    StringColumn entry = table.stringColumn(PredictionColumns.ENTRY);
    String source = table.stringColumn(PredictionColumns.SOURCE).get(i);
    return entry.isMissing(i) ? source : source + "!/" + entry.get(i);
  }

  /** The file name that carries UTKFace labels: the archive entry when there is one, else the source. */
  String labelledName(int i) {
    StringColumn entry = table.stringColumn(PredictionColumns.ENTRY);
    return entry.isMissing(i) ? table.stringColumn(PredictionColumns.SOURCE).get(i) : entry.get(i);
  }

  /**
   * The typed columns of every task, with labels from the given source.
   *
   * @param warnings receives one line per problem found (unknown label values, …)
   */
  public FaceRows encode(LabelSource labels, List<String> warnings) {
    int[] keep = labels == LabelSource.UTKFACE_NAMES ? bestFacePerInput(warnings) : allRows();
    FaceLabels[] nameLabels = null;
    if (labels == LabelSource.UTKFACE_NAMES) {
      nameLabels = new FaceLabels[keep.length];
      int unparsed = 0;
      for (int j = 0; j < keep.length; j++) {
        nameLabels[j] = UtkFaceNames.parse(labelledName(keep[j])).orElse(FaceLabels.NONE);
        if (nameLabels[j].isEmpty()) {
          unparsed++;
        }
      }
      if (unparsed > 0) {
        warnings.add(unparsed + " of " + keep.length + " face rows have names that are not UTKFace names: unlabelled");
      }
    }
    List<TaskColumns> out = new ArrayList<>();
    for (TaskDef t : tasks) {
      out.add(t.kind() == TaskKind.NOMINAL ? nominal(t, keep, nameLabels, warnings) : ordinal(t, keep, nameLabels, warnings));
    }
    return new FaceRows(keep.length, out);
  }

  private int[] allRows() {
    int[] all = new int[table.rowCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** Per input the face with the highest score, then the lowest face index; order of first sight. */
  private int[] bestFacePerInput(List<String> warnings) {
    DoubleColumn score = table.doubleColumn(PredictionColumns.FACE_SCORE);
    IntColumn index = table.intColumn(PredictionColumns.FACE_INDEX);
    Map<String, Integer> best = new LinkedHashMap<>();
    for (int i = 0; i < table.rowCount(); i++) {
      String address = address(i);
      Integer current = best.get(address);
      if (current == null || better(i, current, score, index)) {
        best.put(address, i);
      }
    }
    int dropped = table.rowCount() - best.size();
    if (dropped > 0) {
      warnings.add(dropped + " extra faces in images with several faces were left out: a UTKFace name labels one "
          + "person, so only each image's best face (highest face_score) is audited");
    }
    return best.values().stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private static boolean better(int a, int b, DoubleColumn score, IntColumn index) {
    double sa = score.isMissing(a) ? Double.NEGATIVE_INFINITY : score.getDouble(a);
    double sb = score.isMissing(b) ? Double.NEGATIVE_INFINITY : score.getDouble(b);
    if (sa != sb) {
      return sa > sb;
    }
    int ia = index.isMissing(a) ? Integer.MAX_VALUE : index.getInt(a);
    int ib = index.isMissing(b) ? Integer.MAX_VALUE : index.getInt(b);
    return ia < ib;
  }

  private TaskColumns nominal(TaskDef t, int[] keep, FaceLabels[] nameLabels, List<String> warnings) {
    StringColumn pred = table.stringColumn(PredictionColumns.predicted(t.name()));
    DoubleColumn conf = table.doubleColumn(PredictionColumns.confidence(t.name()));
    StringColumn label = table.stringColumn(PredictionColumns.label(t.name()));
    Map<String, Integer> code = new HashMap<>();
    for (int c = 0; c < t.labels().size(); c++) {
      code.put(t.labels().get(c), c);
    }
    int n = keep.length;
    int[] truth = new int[n];
    int[] predicted = new int[n];
    double[] confidence = new double[n];
    Set<String> unknownTruth = new LinkedHashSet<>();
    Set<String> unknownPred = new LinkedHashSet<>();
    int unknownTruthRows = 0;
    int unknownPredRows = 0;
    for (int j = 0; j < n; j++) {
      int i = keep[j];
      String p = pred.isMissing(i) ? null : pred.get(i);
      Integer pc = p == null ? null : code.get(p);
      if (p != null && pc == null) {
        unknownPred.add(p);
        unknownPredRows++;
      }
      predicted[j] = pc == null ? -1 : pc;
      confidence[j] = conf.isMissing(i) ? Double.NaN : conf.getDouble(i);
      String l;
      if (nameLabels != null) {
        l = nameLabelFor(t.name(), nameLabels[j]);
      } else {
        l = label.isMissing(i) ? null : label.get(i);
      }
      Integer lc = l == null ? null : code.get(l);
      if (l != null && lc == null) {
        unknownTruth.add(l);
        unknownTruthRows++;
      }
      truth[j] = lc == null ? -1 : lc;
    }
    if (unknownTruthRows > 0) {
      warnings.add(unknownTruthRows + " rows have " + t.name() + " labels the model does not have (" + cap(unknownTruth)
          + "; model labels " + t.labels() + "): treated as unlabelled");
    }
    if (unknownPredRows > 0) {
      warnings.add(unknownPredRows + " rows have predicted " + t.name() + " values outside the model's labels ("
          + cap(unknownPred) + "): treated as missing predictions");
    }
    return new TaskColumns(t, truth, predicted, confidence, null, null, null, null);
  }

  private static String nameLabelFor(String task, FaceLabels labels) {
    // UTKFace names label the default model's tasks; other task names have no label there
    return switch (task) {
      case "gender" -> labels.gender();
      case "race" -> labels.race();
      default -> null;
    };
  }

  private static String cap(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    return list.size() <= 5 ? list.toString() : list.subList(0, 5) + " and " + (list.size() - 5) + " more";
  }

  private TaskColumns ordinal(TaskDef t, int[] keep, FaceLabels[] nameLabels, List<String> warnings) {
    IntColumn pred = table.intColumn(PredictionColumns.predicted(t.name()));
    DoubleColumn expectedCol = table.doubleColumn(PredictionColumns.expected(t.name()));
    IntColumn label = table.intColumn(PredictionColumns.label(t.name()));
    IntColumn labelMin = table.intColumn(PredictionColumns.labelMin(t.name()));
    IntColumn labelMax = table.intColumn(PredictionColumns.labelMax(t.name()));
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
        Integer age = "age".equals(t.name()) ? nameLabels[j].age() : null;
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
      warnings.add(badRanges + " rows have " + t.name() + " label ranges with min > max or negative bounds: unlabelled");
    }
    return new TaskColumns(t, null, null, null, low, high, rank, expected);
  }

  /** Distinct inputs with at least one prediction row, in order of first sight. */
  List<String> addresses() {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < table.rowCount(); i++) {
      seen.add(address(i));
    }
    return new ArrayList<>(seen);
  }
}
