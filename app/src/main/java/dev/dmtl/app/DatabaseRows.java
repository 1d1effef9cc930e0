package dev.dmtl.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.PredictionSchema;
import dev.dmtl.resultsdb.ResultsDatabase;
import dev.dmtl.resultsdb.SinkCredentials;
import dev.dmtl.resultsdb.SinkException;
import dev.dmtl.resultsdb.SinkUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The published rows of the results database that an audit asks for ({@code --run RUN_ID} or {@code
 * --where PREDICATE}), written back as the prediction and dead-letter Parquet files of each run,
 * with the run's provenance in their footers, so that {@code dmtl audit} reads them through its one
 * Parquet path and gives the same numbers as on the run's own Parquet output. The files stay in the
 * audit's folder as the record of what was audited.
 *
 * <p>{@code --where} is the operator's own SQL over the columns {@code run_id}, {@code
 * model_sha256}, {@code run_started}, {@code run_finished}, {@code input}, {@code source}, {@code
 * entry}, {@code relative_path} and {@code image_sha256}; it runs in a read-only transaction.
 */
public final class DatabaseRows {

  /** What to audit. */
  public record Selection(String jdbcUrl, String passwordFile, String runId, String where) {
    public Selection {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if ((runId == null) == (where == null)) {
        throw new IllegalArgumentException(
            "auditing a database needs exactly one of --run RUN_ID and --where PREDICATE");
      }
    }
  }

  private static final String FACE_SCOPE =
      "SELECT r.run_id, r.model_sha256, r.started AS run_started, r.finished AS run_finished,"
          + " f.input, f.face_index, f.source, f.entry, f.relative_path, f.image_sha256"
          + " FROM dmtl.faces f JOIN dmtl.runs r ON r.run_id = f.run_id"
          + " WHERE r.status = 'published'";

  private static final String DEAD_LETTER_SCOPE =
      "SELECT r.run_id, r.model_sha256, r.started AS run_started, r.finished AS run_finished,"
          + " d.input, d.dead_letter_key, d.source, d.entry, d.relative_path, d.image_sha256"
          + " FROM dmtl.dead_letters d JOIN dmtl.runs r ON r.run_id = d.run_id"
          + " WHERE r.status = 'published'";

  private DatabaseRows() {}

  /**
   * Writes the selected rows into {@code folder} ({@code RUN-predictions.parquet}, {@code
   * RUN-dead_letters.parquet} per run) and returns the files.
   *
   * @throws BadInputException when the database cannot be used, the predicate is not valid SQL,
   *     nothing is selected, or the rows come from more than one model
   */
  public static List<Path> export(Selection selection, Path folder)
      throws BadInputException, IOException {
    ResultsDatabase db;
    try {
      SinkUrl url = SinkUrl.parse(selection.jdbcUrl());
      SinkCredentials credentials =
          SinkCredentials.resolve(
              url,
              selection.passwordFile() == null ? null : Path.of(selection.passwordFile()),
              System.getenv());
      // a DuckDB file is opened for reading only: an audit neither creates nor changes it
      db = ResultsDatabase.connect(url, credentials, /* readOnly= */ true);
    } catch (SinkException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    List<Path> files;
    try {
      files = export(db, selection, folder);
    } catch (BadInputException | IOException | RuntimeException e) {
      db.closeAfter(e);
      throw e;
    }
    try {
      db.close();
    } catch (SinkException e) {
      throw new IOException(e.getMessage(), e);
    }
    return files;
  }

  private static List<Path> export(ResultsDatabase db, Selection selection, Path folder)
      throws BadInputException, IOException {
    Files.createDirectories(folder);
    String predicate = selection.runId() != null ? "run_id = ?" : "(" + selection.where() + ")";
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      Map<String, Run> runs = runs(c, predicate, selection.runId());
      if (runs.isEmpty()) {
        throw new BadInputException(
            selection.runId() != null
                ? nothingInRun(c, selection)
                : "--where selects no published row in " + url(selection));
      }
      if (runs.values().stream().map(r -> r.provenance.model().sha256()).distinct().count() > 1) {
        throw new BadInputException(
            "the selected rows come from runs of more than one model: narrow --where to one"
                + " model_sha256");
      }
      List<Path> files = new ArrayList<>();
      try {
        writeFaces(c, predicate, selection.runId(), runs, folder);
        writeDeadLetters(c, predicate, selection.runId(), runs, folder);
      } finally {
        for (Run r : runs.values()) {
          r.close(files);
        }
      }
      c.rollback();
      return files;
    } catch (SQLException e) {
      throw new BadInputException(
          (selection.where() != null ? "--where: " : "")
              + "cannot read the results database at "
              + url(selection)
              + ": "
              + firstLine(e.getMessage()),
          e);
    }
  }

  /** A selected run: its provenance, schemas and (once opened) its two writers. */
  private static final class Run {
    final RunProvenance provenance;
    final Schema rows;
    final Schema deadLetters;
    final Map<String, String> footer;
    final Map<String, TaskSpec> tasks = new HashMap<>();
    ParquetRowWriter rowWriter;
    ParquetRowWriter deadLetterWriter;
    Path rowFile;
    Path deadLetterFile;

    Run(RunProvenance provenance) throws ContractViolationException {
      this.provenance = provenance;
      JsonNode options = provenance.options();
      boolean labels = options != null && options.hasNonNull("labels");
      ModelContract contract = provenance.model().contract();
      this.rows = PredictionSchema.predictions(provenance.model().source(), contract, labels);
      this.deadLetters = PredictionSchema.deadLetters(contract, labels);
      this.footer = Map.of(RunProvenance.FOOTER_KEY, provenance.toFooter());
      contract.tasks().forEach(t -> tasks.put(t.name(), t));
    }

    ParquetRowWriter rows(Path folder) throws IOException {
      if (rowWriter == null) {
        rowFile = folder.resolve(provenance.runId() + "-predictions.parquet");
        rowWriter = ParquetRowWriter.to(rowFile, rows, footer);
      }
      return rowWriter;
    }

    ParquetRowWriter deadLetters(Path folder) throws IOException {
      if (deadLetterWriter == null) {
        deadLetterFile = folder.resolve(provenance.runId() + "-dead_letters.parquet");
        deadLetterWriter = ParquetRowWriter.to(deadLetterFile, deadLetters, footer);
      }
      return deadLetterWriter;
    }

    void close(List<Path> files) throws IOException {
      if (rowWriter != null) {
        rowWriter.close();
        files.add(rowFile);
      }
      if (deadLetterWriter != null) {
        deadLetterWriter.close();
        files.add(deadLetterFile);
      }
    }
  }

  /**
   * Why {@code --run} found no rows: a run that does not exist or is not published, or a published
   * run without a row of its own (a {@code --skip-known} re-run that found nothing new), which
   * would otherwise read as "no such run".
   */
  private static String nothingInRun(Connection c, Selection selection) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT status FROM dmtl.runs WHERE run_id = ?")) {
      s.setString(1, selection.runId());
      try (ResultSet r = s.executeQuery()) {
        if (r.next() && "published".equals(r.getString(1))) {
          return "run "
              + selection.runId()
              + " in "
              + url(selection)
              + " is published but holds no face row and no dead letter (every input was skipped"
              + " as known): nothing to audit; select the earlier runs with --where";
        }
      }
    }
    return "no published run " + selection.runId() + " in " + url(selection);
  }

  private static Map<String, Run> runs(Connection c, String predicate, String runId)
      throws SQLException, BadInputException {
    String sql =
        "SELECT run_id, provenance::text FROM dmtl.runs WHERE run_id IN ("
            + "SELECT run_id FROM ("
            + FACE_SCOPE
            + ") s WHERE "
            + predicate
            + " UNION SELECT run_id FROM ("
            + DEAD_LETTER_SCOPE
            + ") s WHERE "
            + predicate
            + ") ORDER BY run_id";
    Map<String, Run> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (runId != null) {
        s.setString(1, runId);
        s.setString(2, runId);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          RunProvenance p = RunProvenance.fromFooter(r.getString(2), "runs " + r.getString(1));
          try {
            out.put(r.getString(1), new Run(p));
          } catch (ContractViolationException e) {
            throw new BadInputException(e.getMessage(), e);
          }
        }
      }
    }
    return out;
  }

  private static void writeFaces(
      Connection c, String predicate, String runId, Map<String, Run> runs, Path folder)
      throws SQLException, IOException {
    String sql =
        "SELECT f.run_id, f.input, f.face_index, f.source, f.entry, f.relative_path,"
            + " f.image_sha256, f.image_width, f.image_height, f.face_x, f.face_y, f.face_w,"
            + " f.face_h, f.face_score, f.face_landmarks, p.task, p.predicted_label,"
            + " p.predicted_rank, p.expected_rank, p.confidence, p.probabilities, p.label,"
            + " p.label_rank, p.label_min, p.label_max"
            + " FROM dmtl.faces f JOIN dmtl.predictions p"
            + " ON p.run_id = f.run_id AND p.input = f.input AND p.face_index = f.face_index"
            + " WHERE (f.run_id, f.input, f.face_index) IN (SELECT run_id, input, face_index FROM ("
            + FACE_SCOPE
            + ") s WHERE "
            + predicate
            + ") ORDER BY f.run_id, f.input, f.face_index";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (runId != null) {
        s.setString(1, runId);
      }
      s.setFetchSize(5_000);
      try (ResultSet r = s.executeQuery()) {
        GenericRecord face = null;
        String key = null;
        Run run = null;
        while (r.next()) {
          String k = r.getString(1) + '\0' + r.getString(2) + '\0' + r.getInt(3);
          if (!k.equals(key)) {
            if (face != null) {
              run.rows(folder).write(face);
            }
            key = k;
            run = runs.get(r.getString(1));
            face = new GenericData.Record(run.rows);
            face.put(PredictionColumns.SOURCE, r.getString(4));
            face.put(PredictionColumns.ENTRY, r.getString(5));
            face.put(PredictionColumns.RELATIVE_PATH, r.getString(6));
            face.put(PredictionColumns.IMAGE_SHA256, r.getString(7));
            face.put(PredictionColumns.IMAGE_WIDTH, r.getInt(8));
            face.put(PredictionColumns.IMAGE_HEIGHT, r.getInt(9));
            face.put(PredictionColumns.FACE_INDEX, r.getInt(3));
            face.put(PredictionColumns.FACE_X, floatOrNull(r, 10));
            face.put(PredictionColumns.FACE_Y, floatOrNull(r, 11));
            face.put(PredictionColumns.FACE_W, floatOrNull(r, 12));
            face.put(PredictionColumns.FACE_H, floatOrNull(r, 13));
            face.put(PredictionColumns.FACE_SCORE, floatOrNull(r, 14));
            face.put(PredictionColumns.FACE_LANDMARKS, floats(r.getArray(15)));
          }
          TaskSpec task = task(run, r.getString(16));
          String name = task.name();
          if (task.kind() == TaskKind.ORDINAL) {
            face.put(PredictionColumns.predicted(name), r.getInt(18));
            face.put(PredictionColumns.expected(name), r.getDouble(19));
          } else {
            face.put(PredictionColumns.predicted(name), r.getString(17));
            face.put(PredictionColumns.confidence(name), r.getFloat(20));
          }
          face.put(PredictionColumns.probabilities(name), floats(r.getArray(21)));
          putLabels(face, task, r, 22);
        }
        if (face != null) {
          run.rows(folder).write(face);
        }
      }
    }
  }

  private static void writeDeadLetters(
      Connection c, String predicate, String runId, Map<String, Run> runs, Path folder)
      throws SQLException, IOException {
    String sql =
        "SELECT d.run_id, d.dead_letter_key, d.source, d.entry, d.relative_path, d.image_sha256,"
            + " d.stage, d.error_class, d.message, l.task, l.label, l.label_rank, l.label_min,"
            + " l.label_max FROM dmtl.dead_letters d LEFT JOIN dmtl.dead_letter_labels l"
            + " ON l.run_id = d.run_id AND l.dead_letter_key = d.dead_letter_key"
            + " WHERE (d.run_id, d.dead_letter_key) IN (SELECT run_id, dead_letter_key FROM ("
            + DEAD_LETTER_SCOPE
            + ") s WHERE "
            + predicate
            + ") ORDER BY d.run_id, d.dead_letter_key";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (runId != null) {
        s.setString(1, runId);
      }
      s.setFetchSize(5_000);
      try (ResultSet r = s.executeQuery()) {
        GenericRecord dl = null;
        String key = null;
        Run run = null;
        while (r.next()) {
          String k = r.getString(1) + '\0' + r.getString(2);
          if (!k.equals(key)) {
            if (dl != null) {
              run.deadLetters(folder).write(dl);
            }
            key = k;
            run = runs.get(r.getString(1));
            dl = new GenericData.Record(run.deadLetters);
            dl.put(PredictionColumns.SOURCE, r.getString(3));
            dl.put(PredictionColumns.ENTRY, r.getString(4));
            dl.put(PredictionColumns.RELATIVE_PATH, r.getString(5));
            dl.put(PredictionColumns.IMAGE_SHA256, r.getString(6));
            dl.put(PredictionColumns.STAGE, r.getString(7));
            dl.put(PredictionColumns.ERROR_CLASS, r.getString(8));
            dl.put(PredictionColumns.MESSAGE, r.getString(9));
          }
          String taskName = r.getString(10);
          if (taskName != null
              && run.deadLetters.getField(PredictionColumns.label(taskName)) != null) {
            putLabels(dl, task(run, taskName), r, 11);
          }
        }
        if (dl != null) {
          run.deadLetters(folder).write(dl);
        }
      }
    }
  }

  /** label, label_rank, label_min, label_max at {@code first}.. into the record's label columns. */
  private static void putLabels(GenericRecord record, TaskSpec task, ResultSet r, int first)
      throws SQLException {
    String name = task.name();
    if (record.getSchema().getField(PredictionColumns.label(name)) == null) {
      return;
    }
    if (task.kind() == TaskKind.ORDINAL) {
      record.put(PredictionColumns.label(name), intOrNull(r, first + 1));
      record.put(PredictionColumns.labelMin(name), intOrNull(r, first + 2));
      record.put(PredictionColumns.labelMax(name), intOrNull(r, first + 3));
    } else {
      record.put(PredictionColumns.label(name), r.getString(first));
    }
  }

  private static TaskSpec task(Run run, String name) {
    TaskSpec t = run.tasks.get(name);
    if (t == null) {
      throw new IllegalStateException(
          "run " + run.provenance.runId() + " has rows of task " + name + ", not in its model");
    }
    return t;
  }

  private static Float floatOrNull(ResultSet r, int column) throws SQLException {
    float v = r.getFloat(column);
    return r.wasNull() ? null : v;
  }

  private static Integer intOrNull(ResultSet r, int column) throws SQLException {
    int v = r.getInt(column);
    return r.wasNull() ? null : v;
  }

  /** A real[] (PostgreSQL: Float[]) or FLOAT[] (DuckDB: Object[] of Float) as a list. */
  private static List<Float> floats(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    Object[] values = (Object[]) array.getArray();
    List<Float> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(((Number) v).floatValue());
    }
    return out;
  }

  private static String url(Selection selection) {
    int q = selection.jdbcUrl().indexOf('?');
    return q < 0 ? selection.jdbcUrl() : selection.jdbcUrl().substring(0, q);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String s = message.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
