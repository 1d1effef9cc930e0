package dev.dmtl.parquet;

import static dev.dmtl.contract.rows.PredictionColumns.ENTRY;
import static dev.dmtl.contract.rows.PredictionColumns.ERROR_CLASS;
import static dev.dmtl.contract.rows.PredictionColumns.FACE_H;
import static dev.dmtl.contract.rows.PredictionColumns.FACE_INDEX;
import static dev.dmtl.contract.rows.PredictionColumns.FACE_LANDMARKS;
import static dev.dmtl.contract.rows.PredictionColumns.FACE_SCORE;
import static dev.dmtl.contract.rows.PredictionColumns.FACE_W;
import static dev.dmtl.contract.rows.PredictionColumns.FACE_X;
import static dev.dmtl.contract.rows.PredictionColumns.FACE_Y;
import static dev.dmtl.contract.rows.PredictionColumns.IMAGE_HEIGHT;
import static dev.dmtl.contract.rows.PredictionColumns.IMAGE_SHA256;
import static dev.dmtl.contract.rows.PredictionColumns.IMAGE_WIDTH;
import static dev.dmtl.contract.rows.PredictionColumns.MESSAGE;
import static dev.dmtl.contract.rows.PredictionColumns.RELATIVE_PATH;
import static dev.dmtl.contract.rows.PredictionColumns.SOURCE;
import static dev.dmtl.contract.rows.PredictionColumns.STAGE;

import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro schemas of the prediction and dead-letter Parquet files (docs/OUTPUT_SCHEMA.md). Fixed
 * columns come first; then, per task the model declares, in its declared order, the prediction
 * columns; then, when a label source is given, the label columns. Column names come from {@link
 * PredictionColumns}.
 */
public final class PredictionSchema {

  private static final Pattern COLUMN_SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PredictionSchema() {}

  /**
   * The prediction row schema for a model.
   *
   * @param source the model, for the message when a task name cannot be a column name
   * @param withLabels whether label columns are added
   * @throws ContractViolationException when a task name is not a valid column name
   */
  public static Schema predictions(String source, ModelContract contract, boolean withLabels)
      throws ContractViolationException {
    return predictions(source, contract, withLabels, false);
  }

  /**
   * The prediction row schema for a model, with the saliency-map columns when {@code withMaps}
   * ({@code dmtl infer --cams}): {@code cam_method}, {@code cam_height}, {@code cam_width} and one
   * {@code <task>_cam} list of floats per task, after every task's prediction columns and before
   * the labels. Without maps the schema is exactly {@link #predictions(String, ModelContract,
   * boolean)}'s, so files of runs without {@code --cams} do not change.
   *
   * @throws ContractViolationException when a task name is not a valid column name
   */
  public static Schema predictions(
      String source, ModelContract contract, boolean withLabels, boolean withMaps)
      throws ContractViolationException {
    SchemaBuilder.FieldAssembler<Schema> f =
        SchemaBuilder.record("Prediction")
            .namespace("dev.dmtl")
            .fields()
            .requiredString(SOURCE)
            .optionalString(ENTRY)
            .requiredString(RELATIVE_PATH)
            .requiredString(IMAGE_SHA256)
            .requiredInt(IMAGE_WIDTH)
            .requiredInt(IMAGE_HEIGHT)
            .requiredInt(FACE_INDEX)
            .optionalFloat(FACE_X)
            .optionalFloat(FACE_Y)
            .optionalFloat(FACE_W)
            .optionalFloat(FACE_H)
            .optionalFloat(FACE_SCORE)
            .name(FACE_LANDMARKS)
            .type()
            .optional()
            .array()
            .items()
            .floatType();
    for (TaskSpec task : contract.tasks()) {
      if (!COLUMN_SAFE.matcher(task.name()).matches()) {
        throw new ContractViolationException(
            source,
            "task name '"
                + task.name()
                + "' cannot be used as a column name (letters, digits and _ only)");
      }
      if (task.kind() == TaskKind.ORDINAL) {
        f =
            f.requiredInt(PredictionColumns.predicted(task.name()))
                .requiredDouble(PredictionColumns.expected(task.name()));
      } else {
        f =
            f.requiredString(PredictionColumns.predicted(task.name()))
                .requiredFloat(PredictionColumns.confidence(task.name()));
      }
      f =
          f.name(PredictionColumns.probabilities(task.name()))
              .type()
              .array()
              .items()
              .floatType()
              .noDefault();
    }
    if (withMaps) {
      f =
          f.requiredString(PredictionColumns.CAM_METHOD)
              .requiredInt(PredictionColumns.CAM_HEIGHT)
              .requiredInt(PredictionColumns.CAM_WIDTH);
      for (TaskSpec task : contract.tasks()) {
        f =
            f.name(PredictionColumns.cam(task.name()))
                .type()
                .array()
                .items()
                .floatType()
                .noDefault();
      }
    }
    return withLabels ? labels(f, contract).endRecord() : f.endRecord();
  }

  /** The label columns of every task, in task order. */
  private static SchemaBuilder.FieldAssembler<Schema> labels(
      SchemaBuilder.FieldAssembler<Schema> f, ModelContract contract) {
    for (TaskSpec task : contract.tasks()) {
      if (task.kind() == TaskKind.ORDINAL) {
        f =
            f.optionalInt(PredictionColumns.label(task.name()))
                .optionalInt(PredictionColumns.labelMin(task.name()))
                .optionalInt(PredictionColumns.labelMax(task.name()));
      } else {
        f = f.optionalString(PredictionColumns.label(task.name()));
      }
    }
    return f;
  }

  /**
   * The dead-letter schema without label columns: source, entry, relative path, image SHA-256 (null
   * when the bytes were never read), stage, error class, message.
   */
  public static Schema deadLetters() {
    return deadLetterFields().endRecord();
  }

  /**
   * The dead-letter schema of a run: with a label source, the same label columns as the prediction
   * rows, so that coverage can be broken down by the labels of the inputs that were lost.
   */
  public static Schema deadLetters(ModelContract contract, boolean withLabels) {
    SchemaBuilder.FieldAssembler<Schema> f = deadLetterFields();
    return withLabels ? labels(f, contract).endRecord() : f.endRecord();
  }

  private static SchemaBuilder.FieldAssembler<Schema> deadLetterFields() {
    return SchemaBuilder.record("DeadLetter")
        .namespace("dev.dmtl")
        .fields()
        .requiredString(SOURCE)
        .optionalString(ENTRY)
        .optionalString(RELATIVE_PATH)
        .optionalString(IMAGE_SHA256)
        .requiredString(STAGE)
        .requiredString(ERROR_CLASS)
        .requiredString(MESSAGE);
  }
}
