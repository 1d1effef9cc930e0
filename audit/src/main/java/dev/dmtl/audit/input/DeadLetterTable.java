package dev.dmtl.audit.input;

import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.result.DeadLetterReason;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
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
import org.apache.avro.Schema;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The dead-letter Parquet files ({@code source}, {@code entry}, {@code stage}, {@code error_class},
 * {@code message}) in a Tablesaw table, and the coverage inputs they give together with the
 * prediction rows.
 */
public final class DeadLetterTable {

  private static final List<String> COLUMNS =
      List.of(
          PredictionColumns.SOURCE,
          PredictionColumns.ENTRY,
          PredictionColumns.STAGE,
          PredictionColumns.ERROR_CLASS,
          PredictionColumns.MESSAGE);

  private final Table table;
  private final Map<Path, Long> rowsPerFile;

  private DeadLetterTable(Table table, Map<Path, Long> rowsPerFile) {
    this.table = table;
    this.rowsPerFile = Collections.unmodifiableMap(rowsPerFile);
  }

  /** No dead letters. */
  public static DeadLetterTable empty() {
    return new DeadLetterTable(newTable(), Map.of());
  }

  private static Table newTable() {
    Table t = Table.create("dead_letters");
    for (String c : COLUMNS) {
      t.addColumns(StringColumn.create(c));
    }
    return t;
  }

  public static DeadLetterTable read(List<Path> files) throws IOException {
    Table table = newTable();
    Map<Path, Long> rowsPerFile = new LinkedHashMap<>();
    for (Path path : files) {
      ParquetFile f = ParquetFile.open(path);
      for (String required : List.of(PredictionColumns.SOURCE, PredictionColumns.STAGE)) {
        if (!f.hasColumn(required)) {
          throw new IllegalArgumentException(
              path + " has no column " + required + ": is it a dead-letter file?");
        }
      }
      Schema projection = f.projection(COLUMNS);
      int[] positions = new int[COLUMNS.size()];
      for (int c = 0; c < COLUMNS.size(); c++) {
        Schema.Field field = projection.getField(COLUMNS.get(c));
        positions[c] = field == null ? -1 : field.pos();
      }
      long before = table.rowCount();
      f.read(
          projection,
          r -> {
            for (int c = 0; c < COLUMNS.size(); c++) {
              StringColumn col = table.stringColumn(c);
              Object v = positions[c] < 0 ? null : r.get(positions[c]);
              if (v == null) {
                col.appendMissing();
              } else {
                col.append(v.toString());
              }
            }
          });
      rowsPerFile.put(path, table.rowCount() - before);
    }
    return new DeadLetterTable(table, rowsPerFile);
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
        examples.putIfAbsent(key, message.get(i));
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

  /**
   * Every input: the predictions' inputs (covered) and the dead letters' (not covered, unless the
   * same input also has a prediction row). With {@link LabelOrigin#UTKFACE_NAMES} each input gets
   * the labels of its name.
   */
  public InputRows coverageInputs(
      PredictionTable predictions, LabelOrigin labelSource, List<String> warnings) {
    Map<String, Stage> inputs = new LinkedHashMap<>();
    for (String address : predictions.addresses()) {
      inputs.put(address, null);
    }
    StringColumn source = table.stringColumn(PredictionColumns.SOURCE);
    StringColumn entry = table.stringColumn(PredictionColumns.ENTRY);
    StringColumn stage = table.stringColumn(PredictionColumns.STAGE);
    int alsoPredicted = 0;
    for (int i = 0; i < table.rowCount(); i++) {
      String address = entry.isMissing(i) ? source.get(i) : source.get(i) + "!/" + entry.get(i);
      Stage s = parseStage(stage.get(i), i);
      if (inputs.containsKey(address)) {
        if (inputs.get(address) == null) {
          alsoPredicted++;
        }
        continue; // covered wins; a second dead letter for one input keeps the first stage
      }
      inputs.put(address, s);
    }
    if (alsoPredicted > 0) {
      warnings.add(
          alsoPredicted
              + " dead letters name inputs that also have prediction rows: counted as covered");
    }
    int n = inputs.size();
    boolean[] covered = new boolean[n];
    Stage[] stages = new Stage[n];
    FaceLabels[] labels = labelSource == LabelOrigin.UTKFACE_NAMES ? new FaceLabels[n] : null;
    int j = 0;
    for (Map.Entry<String, Stage> e : inputs.entrySet()) {
      covered[j] = e.getValue() == null;
      stages[j] = e.getValue();
      if (labels != null) {
        labels[j] = UtkFaceNames.parse(nameOf(e.getKey())).orElse(FaceLabels.NONE);
      }
      j++;
    }
    return new InputRows(n, covered, stages, labels);
  }

  /** The entry when the address is inside an archive, else the source. */
  private static String nameOf(String address) {
    int bang = address.indexOf("!/");
    return bang < 0 ? address : address.substring(bang + 2);
  }

  /** {@code NO_FACE}, {@code no_face} and {@code no-face} alike. */
  private Stage parseStage(String value, int row) {
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
