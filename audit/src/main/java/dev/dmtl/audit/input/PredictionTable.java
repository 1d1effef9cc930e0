package dev.dmtl.audit.input;

import dev.dmtl.audit.result.TaskSource;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The prediction rows of one or more {@code dmtl infer} Parquet files, held in a Tablesaw table
 * with the columns the audit needs (names from {@link PredictionColumns}); which tasks there are is
 * {@link TaskDiscovery}'s answer. A task recognised from columns gets its labels from the values
 * seen (UTKFace's order for UTKFace's labels, else sorted). Typed arrays leave the package through
 * {@link FaceEncoder}.
 */
public final class PredictionTable {

  private final Table table;
  private final List<TaskSpec> tasks;
  private final TaskDiscovery discovery;
  private final Map<Path, Long> rowsPerFile;
  private final List<ParquetFile> files;
  // the columns read once per row, looked up once: Tablesaw finds a column by comparing its name
  // with every column's, which per row of a million-row table costs more than the read itself
  private final StringColumn source;
  private final StringColumn entry;
  private final StringColumn imageSha256;
  private final StringColumn relativePath;
  private final IntColumn faceIndex;

  private PredictionTable(
      Table table,
      List<TaskSpec> tasks,
      TaskDiscovery discovery,
      Map<Path, Long> rowsPerFile,
      List<ParquetFile> files) {
    this.table = table;
    this.tasks = List.copyOf(tasks);
    this.discovery = discovery;
    this.rowsPerFile = Collections.unmodifiableMap(rowsPerFile);
    this.files = List.copyOf(files);
    this.source = (StringColumn) columnOrNull(PredictionColumns.SOURCE);
    this.entry = (StringColumn) columnOrNull(PredictionColumns.ENTRY);
    this.imageSha256 = (StringColumn) columnOrNull(PredictionColumns.IMAGE_SHA256);
    this.relativePath = (StringColumn) columnOrNull(PredictionColumns.RELATIVE_PATH);
    this.faceIndex = (IntColumn) columnOrNull(PredictionColumns.FACE_INDEX);
  }

  private Column<?> columnOrNull(String name) {
    return table.containsColumn(name) ? table.column(name) : null;
  }

  /** A column looked up once, or the table's own error for a missing one. */
  private <C extends Column<?>> C cached(C column, String name, Class<C> type) {
    return column != null ? column : type.cast(table.column(name));
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
    TaskDiscovery discovery = TaskDiscovery.of(opened);
    Table table = Table.create("predictions");
    Map<String, Column<?>> columns = columns(discovery.shapes());
    columns.values().forEach(table::addColumns);

    Map<Path, Long> rowsPerFile = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(columns.keySet());
    for (ParquetFile f : opened) {
      Schema projection = f.projection(names);
      List<Consumer<GenericRecord>> appenders = new ArrayList<>();
      for (String name : names) {
        Column<?> col = columns.get(name);
        Schema.Field field = projection.getField(name);
        appenders.add(
            field == null ? r -> col.appendMissing() : appender(col, field.pos(), f.path()));
      }
      long before = table.rowCount();
      f.read(projection, r -> appenders.forEach(a -> a.accept(r)));
      rowsPerFile.put(f.path(), table.rowCount() - before);
    }

    List<TaskSpec> tasks = new ArrayList<>();
    for (TaskDiscovery.TaskShape s : discovery.shapes()) {
      tasks.add(s.declared() != null ? s.declared() : inferLabels(table, s));
    }
    return new PredictionTable(table, tasks, discovery, rowsPerFile, opened);
  }

  /** Receives one row's list columns in a second pass over the files. */
  @FunctionalInterface
  public interface ListRows {
    /**
     * Called from several threads at once (one per row group being read), each row exactly once.
     *
     * @param row the row's index in this table
     * @param values per requested column a reused buffer with the row's list in its first {@code
     *     lengths[c]} places
     * @param lengths per requested column the list's length, or -1 when the row (or its file) has
     *     none
     */
    void row(int row, float[][] values, int[] lengths);
  }

  /**
   * Reads numeric list columns (the probability vectors) in a second pass, row by row in table
   * order, without keeping them: a million rows of 115 threshold probabilities would take half a
   * gigabyte, the sums a caller keeps of them a fraction of that.
   */
  public void readLists(List<String> columns, ListRows sink) throws IOException {
    // one task per row group of every file, on as many threads as there are cores: decoding a
    // million rows of 122 floats is seconds of work on one
    record Unit(ParquetFile file, int rowGroup, int firstRow) {}
    List<Unit> units = new ArrayList<>();
    int offset = 0;
    for (ParquetFile f : files) {
      int groups = Math.max(1, f.rowGroups());
      for (int k = 0; k < groups; k++) {
        units.add(new Unit(f, k, offset));
      }
      offset += (int) (long) rowsPerFile.get(f.path());
    }
    if (offset != table.rowCount()) {
      throw new IllegalStateException(
          "second pass counts " + offset + " rows, the first " + table.rowCount());
    }
    int threads = Math.min(units.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "dmtl-audit-lists");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Unit u : units) {
        done.add(
            pool.submit(
                () -> {
                  u.file()
                      .readFloatLists(
                          columns,
                          u.rowGroup(),
                          (row, values, lengths) ->
                              sink.row(u.firstRow() + (int) row, values, lengths));
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the probability lists", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The saliency maps the files carry ({@code dmtl infer --cams}): their method and grid, read from
   * the {@code cam_*} columns of every row, or empty when no file has them.
   *
   * @throws IOException when a file cannot be read
   * @throws IncompatibleInputsException when only some files have maps, or rows differ in method or
   *     grid (files of different runs)
   */
  public Optional<MapGrid> mapGrid() throws IOException {
    List<String> names =
        List.of(
            PredictionColumns.CAM_METHOD,
            PredictionColumns.CAM_HEIGHT,
            PredictionColumns.CAM_WIDTH);
    long with = files.stream().filter(f -> f.hasColumn(PredictionColumns.CAM_METHOD)).count();
    if (with == 0) {
      return Optional.empty();
    }
    if (with < files.size()) {
      throw new IncompatibleInputsException(
          with
              + " of "
              + files.size()
              + " prediction files have saliency maps (--cams): audit the runs with maps and"
              + " those without separately");
    }
    Set<MapGrid> seen = new LinkedHashSet<>();
    for (ParquetFile f : files) {
      Schema projection = f.projection(names);
      f.read(
          projection,
          r ->
              seen.add(
                  new MapGrid(
                      ParquetFile.text(r, PredictionColumns.CAM_METHOD),
                      (int) ParquetFile.number(r, PredictionColumns.CAM_HEIGHT),
                      (int) ParquetFile.number(r, PredictionColumns.CAM_WIDTH))));
    }
    if (seen.size() > 1) {
      throw new IncompatibleInputsException(
          "the prediction files mix saliency maps of different methods or grids ("
              + seen.stream().map(MapGrid::describe).collect(Collectors.joining(", "))
              + "): audit each kind separately");
    }
    return seen.stream().findFirst();
  }

  /**
   * The method and grid of every saliency map of the files.
   *
   * @param method {@code cam} or {@code occlusion} (docs/OUTPUT_SCHEMA.md)
   * @param height rows of the grid
   * @param width columns of the grid
   */
  public record MapGrid(String method, int height, int width) {
    /** As messages write it, e.g. {@code cam 4x4}. */
    public String describe() {
      return method + " " + height + "x" + width;
    }
  }

  /** The model contract the first file's footer records, or empty without a footer. */
  public Optional<ModelContract> contract() {
    for (ParquetFile f : files) {
      Optional<RunProvenance> run = f.runProvenance();
      if (run.isPresent()) {
        return Optional.of(run.get().model().contract());
      }
    }
    return Optional.empty();
  }

  /**
   * Every row once, in a canonical order that does not depend on how the files were written: by
   * image SHA-256, then input address, then face index. Two runs over the same inputs (any
   * parallelism, any number of files) give the same order, and with it the same resamples.
   */
  public int[] canonicalOrder() {
    int n = table.rowCount();
    StringColumn sha = table.stringColumn(PredictionColumns.IMAGE_SHA256);
    String[] hash = new String[n];
    String[] address = new String[n];
    int[] face = new int[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      hash[i] = sha.isMissing(i) ? "" : sha.get(i);
      address[i] = address(i);
      face[i] = faceIndex(i);
      order[i] = i;
    }
    // the keys are read once into arrays: a comparator that asks the Tablesaw columns would decode
    // each string again at every one of the sort's n·log n comparisons
    Arrays.sort(
        order,
        (a, b) -> {
          int c = hash[a].compareTo(hash[b]);
          if (c == 0) {
            c = address[a].compareTo(address[b]);
          }
          if (c == 0) {
            c = Integer.compare(face[a], face[b]);
          }
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** The columns the audit reads, per task by its kind. */
  private static Map<String, Column<?>> columns(List<TaskDiscovery.TaskShape> shapes) {
    Map<String, Column<?>> columns = new LinkedHashMap<>();
    columns.put(PredictionColumns.SOURCE, StringColumn.create(PredictionColumns.SOURCE));
    columns.put(PredictionColumns.ENTRY, StringColumn.create(PredictionColumns.ENTRY));
    columns.put(
        PredictionColumns.RELATIVE_PATH, StringColumn.create(PredictionColumns.RELATIVE_PATH));
    columns.put(
        PredictionColumns.IMAGE_SHA256, StringColumn.create(PredictionColumns.IMAGE_SHA256));
    columns.put(PredictionColumns.FACE_INDEX, IntColumn.create(PredictionColumns.FACE_INDEX));
    columns.put(PredictionColumns.FACE_SCORE, DoubleColumn.create(PredictionColumns.FACE_SCORE));
    for (TaskDiscovery.TaskShape s : shapes) {
      String t = s.name();
      if (s.kind() == TaskKind.NOMINAL) {
        columns.put(
            PredictionColumns.predicted(t), StringColumn.create(PredictionColumns.predicted(t)));
        columns.put(
            PredictionColumns.confidence(t), DoubleColumn.create(PredictionColumns.confidence(t)));
        columns.put(PredictionColumns.label(t), StringColumn.create(PredictionColumns.label(t)));
      } else {
        columns.put(
            PredictionColumns.predicted(t), IntColumn.create(PredictionColumns.predicted(t)));
        columns.put(
            PredictionColumns.expected(t), DoubleColumn.create(PredictionColumns.expected(t)));
        columns.put(PredictionColumns.label(t), IntColumn.create(PredictionColumns.label(t)));
        columns.put(PredictionColumns.labelMin(t), IntColumn.create(PredictionColumns.labelMin(t)));
        columns.put(PredictionColumns.labelMax(t), IntColumn.create(PredictionColumns.labelMax(t)));
      }
    }
    return columns;
  }

  private static TaskSpec inferLabels(Table table, TaskDiscovery.TaskShape s) {
    if (s.kind() == TaskKind.ORDINAL) {
      return TaskSpec.ordinal(s.name(), null, List.of());
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
      throw new IllegalArgumentException(
          "task '" + s.name() + "' has no predicted values to infer its labels from");
    }
    return TaskSpec.nominal(s.name(), null, labels);
  }

  private static Consumer<GenericRecord> appender(Column<?> col, int pos, Path file) {
    if (col instanceof StringColumn s) {
      return r -> {
        Object v = r.get(pos);
        if (v == null) {
          s.appendMissing();
        } else {
          s.append(v.toString());
        }
      };
    }
    if (col instanceof IntColumn i) {
      return r -> {
        Object v = r.get(pos);
        if (v == null) {
          i.appendMissing();
        } else if (v instanceof Number n) {
          i.append(Math.toIntExact(n.longValue()));
        } else {
          throw new IllegalArgumentException(
              file
                  + ": column "
                  + col.name()
                  + " holds "
                  + v.getClass().getSimpleName()
                  + ", expected an integer");
        }
      };
    }
    DoubleColumn d = (DoubleColumn) col;
    return r -> {
      Object v = r.get(pos);
      if (v == null) {
        d.appendMissing();
      } else if (v instanceof Number n) {
        d.append(n.doubleValue());
      } else {
        throw new IllegalArgumentException(
            file
                + ": column "
                + col.name()
                + " holds "
                + v.getClass().getSimpleName()
                + ", expected a number");
      }
    };
  }

  public List<TaskSpec> tasks() {
    return tasks;
  }

  public TaskSource taskSource() {
    return discovery.source();
  }

  /** The model's SHA-256 from the footer, or empty. */
  public Optional<String> modelSha256() {
    return Optional.ofNullable(discovery.modelSha256());
  }

  /** The spec file the run applied to the model ({@code --spec}), when the footer names one. */
  public Optional<dev.dmtl.contract.model.SpecFile> modelSpec() {
    return Optional.ofNullable(discovery.modelSpec());
  }

  /** Rows read per file, in reading order. */
  /**
   * Per file the id of the dmtl run that wrote it (its footer's provenance), or null when it names
   * none.
   */
  public Map<Path, String> runIds() {
    Map<Path, String> out = new LinkedHashMap<>();
    for (ParquetFile f : files) {
      out.put(f.path(), f.runProvenance().map(RunProvenance::runId).orElse(null));
    }
    return out;
  }

  public Map<Path, Long> rowsPerFile() {
    return rowsPerFile;
  }

  /** Rows read (faces). */
  public int rows() {
    return table.rowCount();
  }

  public List<String> warnings() {
    return discovery.warnings();
  }

  /**
   * {@code source} or {@code source!/entry} of row i, as {@link
   * dev.dmtl.contract.rows.DeadLetter#address()}.
   */
  String address(int i) {
    StringColumn e = cached(entry, PredictionColumns.ENTRY, StringColumn.class);
    String s = cached(source, PredictionColumns.SOURCE, StringColumn.class).get(i);
    return e.isMissing(i) ? s : s + "!/" + e.get(i);
  }

  /**
   * The file name that carries UTKFace labels: the archive entry when there is one, else the
   * source.
   */
  String labelledName(int i) {
    StringColumn e = cached(entry, PredictionColumns.ENTRY, StringColumn.class);
    return e.isMissing(i)
        ? cached(source, PredictionColumns.SOURCE, StringColumn.class).get(i)
        : e.get(i);
  }

  /** The face score of row i; −∞ when missing, so a scored face always wins. */
  double faceScore(int i) {
    DoubleColumn score = table.doubleColumn(PredictionColumns.FACE_SCORE);
    return score.isMissing(i) ? Double.NEGATIVE_INFINITY : score.getDouble(i);
  }

  /** The face index of row i; {@link Integer#MAX_VALUE} when missing. */
  int faceIndex(int i) {
    IntColumn index = cached(faceIndex, PredictionColumns.FACE_INDEX, IntColumn.class);
    return index.isMissing(i) ? Integer.MAX_VALUE : index.getInt(i);
  }

  /** The face key of row i (image hash, face index), or null when the row has no image hash. */
  public FaceKey faceKey(int i) {
    String sha = imageSha256(i);
    return sha == null ? null : new FaceKey(sha, faceIndex(i));
  }

  /** The row's relative path (the label and attribute key), or null when the file has none. */
  String relativePath(int i) {
    StringColumn c = cached(relativePath, PredictionColumns.RELATIVE_PATH, StringColumn.class);
    return c.isMissing(i) ? null : c.get(i);
  }

  /** The row's image SHA-256, or null when missing. */
  String imageSha256(int i) {
    StringColumn c = cached(imageSha256, PredictionColumns.IMAGE_SHA256, StringColumn.class);
    return c.isMissing(i) ? null : c.get(i);
  }

  /** Whether any of the files has the column. */
  boolean hasColumn(String column) {
    return files.stream().anyMatch(f -> f.hasColumn(column));
  }

  /** Whether the files have the {@code relative_path} column (written since it was added). */
  boolean hasRelativePaths() {
    return files.stream().allMatch(f -> f.hasColumn(PredictionColumns.RELATIVE_PATH));
  }

  StringColumn strings(String column) {
    return table.stringColumn(column);
  }

  IntColumn ints(String column) {
    return table.intColumn(column);
  }

  DoubleColumn doubles(String column) {
    return table.doubleColumn(column);
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
