package dev.dmtl.resultsdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The tables of the results database (created by {@code db/migration/V*.sql}), their columns as
 * this version of dmtl expects them, and the statements that write rows. Every insert is an upsert
 * on the row's natural key ({@code ON CONFLICT DO NOTHING}): a retried bundle or a restarted task
 * writes the same rows again (inference is deterministic on the same bytes), and they are not
 * duplicated. docs/DATABASE.md argues the choice.
 */
public final class ResultsTables {

  /** The PostgreSQL schema (namespace) every table and view of dmtl lives in. */
  public static final String SCHEMA = "dmtl";

  public static final String RUNS = "runs";
  public static final String FACES = "faces";
  public static final String PREDICTIONS = "predictions";
  public static final String DEAD_LETTERS = "dead_letters";
  public static final String DEAD_LETTER_LABELS = "dead_letter_labels";

  /** The columns of each table, in order, as the latest migration creates them. */
  public static Map<String, List<String>> columns() {
    Map<String, List<String>> c = new LinkedHashMap<>();
    c.put(
        RUNS,
        List.of(
            "run_id",
            "status",
            "model_sha256",
            "model_source",
            "tool_version",
            "started",
            "finished",
            "inputs_seen",
            "inputs_with_rows",
            "face_rows",
            "dead_letter_rows",
            "skipped_known",
            "provenance",
            "manifest",
            "failure"));
    c.put(FACES, FACE_COLUMNS);
    c.put(PREDICTIONS, PREDICTION_COLUMNS);
    c.put(DEAD_LETTERS, DEAD_LETTER_COLUMNS);
    c.put(DEAD_LETTER_LABELS, DEAD_LETTER_LABEL_COLUMNS);
    return java.util.Collections.unmodifiableMap(c);
  }

  /** Columns of {@code faces}, in the order {@link #insertFaces()} binds them. */
  public static final List<String> FACE_COLUMNS =
      List.of(
          "run_id",
          "input",
          "face_index",
          "source",
          "entry",
          "relative_path",
          "image_sha256",
          "image_width",
          "image_height",
          "face_x",
          "face_y",
          "face_w",
          "face_h",
          "face_score",
          "face_landmarks");

  /** Columns of {@code predictions}, in the order {@link #insertPredictions} binds them. */
  public static final List<String> PREDICTION_COLUMNS =
      List.of(
          "run_id",
          "input",
          "face_index",
          "task",
          "predicted_label",
          "predicted_rank",
          "expected_rank",
          "confidence",
          "probabilities",
          "label",
          "label_rank",
          "label_min",
          "label_max");

  /** Columns of {@code dead_letters}, in the order {@link #insertDeadLetters()} binds them. */
  public static final List<String> DEAD_LETTER_COLUMNS =
      List.of(
          "run_id",
          "dead_letter_key",
          "input",
          "source",
          "entry",
          "relative_path",
          "image_sha256",
          "stage",
          "error_class",
          "message");

  /** Columns of {@code dead_letter_labels}, in the order {@link #insertDeadLetterLabels} binds. */
  public static final List<String> DEAD_LETTER_LABEL_COLUMNS =
      List.of("run_id", "dead_letter_key", "task", "label", "label_rank", "label_min", "label_max");

  private ResultsTables() {}

  /** One face row. */
  public static String insertFaces() {
    return insert(FACES, FACE_COLUMNS, 1);
  }

  /** The prediction rows of one face: one row per task, {@code tasks} of them in one statement. */
  public static String insertPredictions(int tasks) {
    return insert(PREDICTIONS, PREDICTION_COLUMNS, tasks);
  }

  /** One dead letter. */
  public static String insertDeadLetters() {
    return insert(DEAD_LETTERS, DEAD_LETTER_COLUMNS, 1);
  }

  /** The labels of one dead letter: one row per task. */
  public static String insertDeadLetterLabels(int tasks) {
    return insert(DEAD_LETTER_LABELS, DEAD_LETTER_LABEL_COLUMNS, tasks);
  }

  private static String insert(String table, List<String> columns, int rows) {
    StringJoiner tuple = new StringJoiner(", ", "(", ")");
    columns.forEach(c -> tuple.add("?"));
    StringJoiner values = new StringJoiner(", ");
    for (int i = 0; i < rows; i++) {
      values.add(tuple.toString());
    }
    return "INSERT INTO "
        + SCHEMA
        + "."
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES "
        + values
        + " ON CONFLICT DO NOTHING";
  }
}
