package dev.dmtl.audit.input;

import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.result.DeadLetterReason;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.parquet.ParquetFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The dead-letter Parquet files ({@code source}, {@code entry}, {@code relative_path}, {@code
 * image_sha256}, {@code stage}, {@code error_class}, {@code message} and, from runs with labels,
 * the label columns) in a Tablesaw table, and the coverage inputs they give together with the
 * prediction rows.
 */
public final class DeadLetterTable {

  private static final List<String> BASE =
      List.of(
          PredictionColumns.SOURCE,
          PredictionColumns.ENTRY,
          PredictionColumns.RELATIVE_PATH,
          PredictionColumns.IMAGE_SHA256,
          PredictionColumns.STAGE,
          PredictionColumns.ERROR_CLASS,
          PredictionColumns.MESSAGE);

  private final Table table;
  private final Map<Path, Long> rowsPerFile;
  private final boolean labelColumns;

  private DeadLetterTable(Table table, Map<Path, Long> rowsPerFile, boolean labelColumns) {
    this.table = table;
    this.rowsPerFile = Collections.unmodifiableMap(rowsPerFile);
    this.labelColumns = labelColumns;
  }

  /** No dead letters (every input has a prediction, so labels are known for all of them). */
  public static DeadLetterTable empty(List<TaskSpec> tasks) {
    return new DeadLetterTable(newTable(tasks), Map.of(), true);
  }

  private static Table newTable(List<TaskSpec> tasks) {
    Table t = Table.create("dead_letters");
    for (String c : BASE) {
      t.addColumns(StringColumn.create(c));
    }
    for (TaskSpec task : tasks) {
      if (task.kind() == TaskKind.NOMINAL) {
        t.addColumns(StringColumn.create(PredictionColumns.label(task.name())));
      } else {
        t.addColumns(
            IntColumn.create(PredictionColumns.label(task.name())),
            IntColumn.create(PredictionColumns.labelMin(task.name())),
            IntColumn.create(PredictionColumns.labelMax(task.name())));
      }
    }
    return t;
  }

  /**
   * Reads dead-letter files.
   *
   * @param tasks the predictions' tasks, whose label columns are read where the files have them
   */
  public static DeadLetterTable read(List<Path> files, List<TaskSpec> tasks) throws IOException {
    Table table = newTable(tasks);
    List<String> names = table.columnNames();
    Map<Path, Long> rowsPerFile = new LinkedHashMap<>();
    boolean allLabelled = true;
    for (Path path : files) {
      ParquetFile f = ParquetFile.open(path);
      for (String required : List.of(PredictionColumns.SOURCE, PredictionColumns.STAGE)) {
        if (!f.hasColumn(required)) {
          throw new IllegalArgumentException(
              path + " has no column " + required + ": is it a dead-letter file?");
        }
      }
      allLabelled &= tasks.stream().anyMatch(t -> f.hasColumn(PredictionColumns.label(t.name())));
      Schema projection = f.projection(names);
      int[] positions = new int[names.size()];
      for (int c = 0; c < names.size(); c++) {
        Schema.Field field = projection.getField(names.get(c));
        positions[c] = field == null ? -1 : field.pos();
      }
      long before = table.rowCount();
      f.read(
          projection,
          r -> {
            for (int c = 0; c < names.size(); c++) {
              Column<?> col = table.column(c);
              Object v = positions[c] < 0 ? null : r.get(positions[c]);
              if (v == null) {
                col.appendMissing();
              } else if (col instanceof IntColumn ints && v instanceof Number number) {
                ints.append(number.intValue());
              } else {
                ((StringColumn) col).append(v.toString());
              }
            }
          });
      rowsPerFile.put(path, table.rowCount() - before);
    }
    return new DeadLetterTable(table, rowsPerFile, allLabelled && !tasks.isEmpty());
  }

  /** The dead letters by stage and error class, most frequent first (ties by stage, then class). */
  public List<DeadLetterReason> reasons() {
    record Key(Stage stage, String errorClass) {}
    Map<Key, long[]> counts = new HashMap<>();
    Map<Key, String> examples = new HashMap<>();
    StringColumn stage = table.stringColumn(PredictionColumns.STAGE);
    StringColumn errorClass = table.stringColumn(PredictionColumns.ERROR_CLASS);
    StringColumn message = table.stringColumn(PredictionColumns.MESSAGE);
    for (int i = 0; i < table.rowCount(); i++) {
      Key key =
          new Key(
              parseStage(stage.get(i), i), errorClass.isMissing(i) ? "unknown" : errorClass.get(i));
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      if (!message.isMissing(i)) {
        // the smallest message, not the first: the example must not depend on the order in which
        // workers wrote the rows (or a database returned them)
        examples.merge(key, message.get(i), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    List<DeadLetterReason> out = new ArrayList<>();
    counts.forEach(
        (k, n) -> out.add(new DeadLetterReason(k.stage(), k.errorClass(), n[0], examples.get(k))));
    out.sort(
        Comparator.comparingLong(DeadLetterReason::count)
            .reversed()
            .thenComparing(DeadLetterReason::stage)
            .thenComparing(DeadLetterReason::errorClass));
    return out;
  }

  public Map<Path, Long> rowsPerFile() {
    return rowsPerFile;
  }

  public int rows() {
    return table.rowCount();
  }

  /** One input while the coverage rows are assembled. */
  private static final class Input {
    final String address;
    final String relativePath;
    final String sha;
    final Stage stage;
    final int faceRow;
    final int deadRow;

    Input(String address, String relativePath, String sha, Stage stage, int faceRow, int deadRow) {
      this.address = address;
      this.relativePath = relativePath;
      this.sha = sha;
      this.stage = stage;
      this.faceRow = faceRow;
      this.deadRow = deadRow;
    }
  }

  /**
   * Every input, in canonical order: the predictions' inputs (covered) and the dead letters' (not
   * covered, unless the same input also has a prediction row). Labels come from where the faces'
   * came from: UTKFace names, or the label columns of both files (only when the dead letters have
   * them too; otherwise coverage is known overall only, and a warning says why).
   */
  public InputRows coverageInputs(FaceRows faces, LabelOrigin labelSource, List<String> warnings) {
    Map<String, Input> inputs = new LinkedHashMap<>();
    for (int j = 0; j < faces.n(); j++) {
      String a = faces.address()[j];
      if (!inputs.containsKey(a)) {
        inputs.put(a, new Input(a, faces.relativePath()[j], faces.imageSha256()[j], null, j, -1));
      }
    }
    StringColumn source = table.stringColumn(PredictionColumns.SOURCE);
    StringColumn entry = table.stringColumn(PredictionColumns.ENTRY);
    StringColumn relative = table.stringColumn(PredictionColumns.RELATIVE_PATH);
    StringColumn sha = table.stringColumn(PredictionColumns.IMAGE_SHA256);
    StringColumn stage = table.stringColumn(PredictionColumns.STAGE);
    int alsoPredicted = 0;
    for (int i = 0; i < table.rowCount(); i++) {
      String address = entry.isMissing(i) ? source.get(i) : source.get(i) + "!/" + entry.get(i);
      Stage s = parseStage(stage.get(i), i);
      Input known = inputs.get(address);
      if (known != null) {
        if (known.stage == null) {
          alsoPredicted++;
        }
        continue; // covered wins; a second dead letter for one input keeps the first stage
      }
      inputs.put(
          address,
          new Input(
              address,
              relative.isMissing(i) ? null : relative.get(i),
              sha.isMissing(i) ? null : sha.get(i),
              s,
              -1,
              i));
    }
    if (alsoPredicted > 0) {
      warnings.add(
          alsoPredicted
              + " dead letters name inputs that also have prediction rows: counted as covered");
    }
    List<Input> ordered = new ArrayList<>(inputs.values());
    ordered.sort(
        Comparator.comparing((Input in) -> in.sha == null ? "" : in.sha)
            .thenComparing(in -> in.address));
    int n = ordered.size();
    boolean[] covered = new boolean[n];
    Stage[] stages = new Stage[n];
    String[] addresses = new String[n];
    String[] relativePaths = new String[n];
    String[] shas = new String[n];
    for (int k = 0; k < n; k++) {
      Input in = ordered.get(k);
      covered[k] = in.stage == null;
      stages[k] = in.stage;
      addresses[k] = in.address;
      relativePaths[k] = in.relativePath;
      shas[k] = in.sha;
    }
    List<InputTruth> truth = List.of();
    if (labelSource == LabelOrigin.UTKFACE_NAMES) {
      truth = namesTruth(faces, addresses);
    } else if (faces.tasks().stream().anyMatch(t -> t.labelled() > 0)) {
      if (labelColumns) {
        truth = columnsTruth(faces, ordered);
      } else {
        warnings.add(
            "the dead letters carry no labels (a run without --labels, or written by an older"
                + " dmtl): coverage is reported overall only, not per group");
      }
    }
    return new InputRows(n, covered, stages, addresses, relativePaths, shas, truth);
  }

  /** Labels of every input from its UTKFace name. */
  private static List<InputTruth> namesTruth(FaceRows faces, String[] addresses) {
    int n = addresses.length;
    FaceLabels[] labels = new FaceLabels[n];
    for (int k = 0; k < n; k++) {
      labels[k] = UtkFaceNames.parse(nameOf(addresses[k])).orElse(FaceLabels.NONE);
    }
    List<InputTruth> out = new ArrayList<>();
    for (TaskColumns t : faces.tasks()) {
      String name = t.task().name();
      if (t.task().kind() == TaskKind.NOMINAL) {
        int[] index =
            IntStream.range(0, n)
                .map(
                    k -> {
                      String v = labels[k].nominalFor(t.task());
                      return v == null ? -1 : t.task().labels().indexOf(v);
                    })
                .toArray();
        out.add(new InputTruth(t.task(), index, null));
      } else {
        double[] age =
            IntStream.range(0, n)
                .mapToDouble(
                    k ->
                        labels[k].answersOrdinal(name) && labels[k].age() != null
                            ? labels[k].age()
                            : Double.NaN)
                .toArray();
        out.add(new InputTruth(t.task(), null, age));
      }
    }
    return out;
  }

  /** Labels of every input from the label columns: a face's for covered inputs, else its own. */
  private List<InputTruth> columnsTruth(FaceRows faces, List<Input> ordered) {
    int n = ordered.size();
    List<InputTruth> out = new ArrayList<>();
    for (TaskColumns t : faces.tasks()) {
      String name = t.task().name();
      if (t.task().kind() == TaskKind.NOMINAL) {
        StringColumn label = table.stringColumn(PredictionColumns.label(name));
        int[] index = new int[n];
        for (int k = 0; k < n; k++) {
          Input in = ordered.get(k);
          if (in.faceRow >= 0) {
            index[k] = t.truth()[in.faceRow];
          } else {
            index[k] =
                label.isMissing(in.deadRow)
                    ? -1
                    : t.task().labels().indexOf(label.get(in.deadRow).toLowerCase(Locale.ROOT));
          }
        }
        out.add(new InputTruth(t.task(), index, null));
      } else {
        IntColumn label = table.intColumn(PredictionColumns.label(name));
        IntColumn min = table.intColumn(PredictionColumns.labelMin(name));
        IntColumn max = table.intColumn(PredictionColumns.labelMax(name));
        double[] age = new double[n];
        for (int k = 0; k < n; k++) {
          Input in = ordered.get(k);
          if (in.faceRow >= 0) {
            age[k] = (t.truthLow()[in.faceRow] + t.truthHigh()[in.faceRow]) / 2;
          } else if (!label.isMissing(in.deadRow)) {
            age[k] = label.getInt(in.deadRow);
          } else if (!min.isMissing(in.deadRow) && !max.isMissing(in.deadRow)) {
            age[k] = (min.getInt(in.deadRow) + max.getInt(in.deadRow)) / 2.0;
          } else {
            age[k] = Double.NaN;
          }
        }
        out.add(new InputTruth(t.task(), null, age));
      }
    }
    return out;
  }

  /** The entry when the address is inside an archive, else the source. */
  private static String nameOf(String address) {
    int bang = address.indexOf("!/");
    return bang < 0 ? address : address.substring(bang + 2);
  }

  /** {@code NO_FACE}, {@code no_face} and {@code no-face} alike. */
  private static Stage parseStage(String value, int row) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("dead letter row " + row + " has no stage");
    }
    try {
      return Stage.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "dead letter row "
              + row
              + " has stage '"
              + value
              + "'; known stages are "
              + List.of(Stage.values()),
          e);
    }
  }
}
