package dev.dmtl.pipeline.output;

import dev.dmtl.contract.decode.NominalPrediction;
import dev.dmtl.contract.decode.OrdinalPrediction;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.inference.batch.AnalyzedFace;
import dev.dmtl.inference.batch.ImageOutcome;
import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.parquet.PredictionSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds the Parquet rows of {@link PredictionSchema} from typed predictions. Ground truth comes
 * from {@link FaceLabels}, whose fields are joined to the model's tasks by name: {@code age} (an
 * ordinal task), {@code gender} and {@code race} (nominal tasks, label names as the model spells
 * them). A label the model does not know is reported, then left null.
 */
public final class PredictionRows {

  /** Receives what the label join could not fill. */
  public interface LabelTally {
    /** The row has no label for {@code task}. */
    void missing(String task);

    /** A label value exists but is not one of the task's labels (it is left null). */
    void unknownValue(String task, String value);
  }

  private final Schema schema;
  private final ModelContract contract;
  private final boolean withLabels;
  private final boolean withMaps;

  public PredictionRows(Schema schema, ModelContract contract, boolean withLabels) {
    this(schema, contract, withLabels, false);
  }

  /**
   * @param withMaps whether every row carries its saliency maps ({@code --cams}; the schema has the
   *     map columns, {@link PredictionSchema#predictions(String, ModelContract, boolean, boolean)})
   */
  public PredictionRows(
      Schema schema, ModelContract contract, boolean withLabels, boolean withMaps) {
    this.schema = schema;
    this.contract = contract;
    this.withLabels = withLabels;
    this.withMaps = withMaps;
  }

  /**
   * One row.
   *
   * @param source the input's file
   * @param entry its archive entry, or null
   * @param relativePath its relative path (the label and attribute key)
   * @param labels the input's labels ({@link FaceLabels#NONE} when the source has none for it);
   *     ignored without a label source
   */
  public GenericRecord row(
      String source,
      String entry,
      String relativePath,
      ImageOutcome.Analyzed image,
      AnalyzedFace face,
      FaceLabels labels,
      LabelTally tally) {
    GenericRecord r = new GenericData.Record(schema);
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, entry);
    r.put(PredictionColumns.RELATIVE_PATH, relativePath);
    r.put(PredictionColumns.IMAGE_SHA256, image.sha256());
    r.put(PredictionColumns.IMAGE_WIDTH, image.width());
    r.put(PredictionColumns.IMAGE_HEIGHT, image.height());
    r.put(PredictionColumns.FACE_INDEX, face.faceIndex());
    FaceDetection d = face.detection();
    if (d != null) {
      r.put(PredictionColumns.FACE_X, d.x());
      r.put(PredictionColumns.FACE_Y, d.y());
      r.put(PredictionColumns.FACE_W, d.width());
      r.put(PredictionColumns.FACE_H, d.height());
      r.put(PredictionColumns.FACE_SCORE, d.score());
      r.put(PredictionColumns.FACE_LANDMARKS, floats(d.landmarks()));
    }
    for (TaskSpec task : contract.tasks()) {
      String name = task.name();
      if (task.kind() == TaskKind.ORDINAL) {
        OrdinalPrediction p = face.prediction().ordinal(name);
        r.put(PredictionColumns.predicted(name), p.predictedRank());
        r.put(PredictionColumns.expected(name), p.expectedRank());
        r.put(PredictionColumns.probabilities(name), floats(p.thresholdProbabilities()));
      } else {
        NominalPrediction p = face.prediction().nominal(name);
        r.put(PredictionColumns.predicted(name), p.label());
        r.put(PredictionColumns.confidence(name), p.confidence());
        r.put(PredictionColumns.probabilities(name), floats(p.probabilities()));
      }
    }
    if (withMaps) {
      putMaps(r, face.prediction().maps());
    }
    if (withLabels) {
      putLabels(r, labels, tally);
    }
    return r;
  }

  /**
   * The maps of every task; all of one row share a method and grid (the cam_* columns are per row,
   * not per task).
   */
  private void putMaps(GenericRecord r, Map<String, SaliencyMap> maps) {
    SaliencyMap first = null;
    for (TaskSpec task : contract.tasks()) {
      SaliencyMap m = maps.get(task.name());
      if (m == null) {
        throw new IllegalStateException("no saliency map of task " + task.name() + " for a face");
      }
      if (first == null) {
        first = m;
      } else if (m.height() != first.height()
          || m.width() != first.width()
          || m.method() != first.method()) {
        throw new IllegalStateException(
            "the maps of one face differ in grid or method: " + first + " and " + m);
      }
      r.put(PredictionColumns.cam(task.name()), floats(m.values()));
    }
    if (first != null) {
      r.put(PredictionColumns.CAM_METHOD, first.method().jsonName());
      r.put(PredictionColumns.CAM_HEIGHT, first.height());
      r.put(PredictionColumns.CAM_WIDTH, first.width());
    }
  }

  private void putLabels(GenericRecord r, FaceLabels labels, LabelTally tally) {
    for (TaskSpec task : contract.tasks()) {
      String name = task.name();
      if (task.kind() == TaskKind.ORDINAL) {
        boolean isAge = labels.answersOrdinal(name);
        Integer min = isAge ? labels.ageMin() : null;
        Integer max = isAge ? labels.ageMax() : null;
        r.put(PredictionColumns.label(name), isAge ? labels.age() : null);
        r.put(PredictionColumns.labelMin(name), min);
        r.put(PredictionColumns.labelMax(name), max);
        if (min == null) {
          tally.missing(name);
        }
      } else {
        // the ground truth in its own labels: a binned age as its bin, a mapped task in the
        // ground truth's taxonomy (the prediction columns keep the model's labels)
        String value = labels.nominalFor(task);
        if (value != null && !task.groundTruthView().labels().contains(value)) {
          tally.unknownValue(name, value);
          value = null;
        }
        r.put(PredictionColumns.label(name), value);
        if (value == null) {
          tally.missing(name);
        }
      }
    }
  }

  /**
   * A dead letter as a row of the run's dead-letter schema ({@link PredictionSchema#deadLetters(
   * ModelContract, boolean)}), with the input's labels when the schema has label columns.
   */
  public GenericRecord deadLetter(Schema deadLetterSchema, DeadLetter d, FaceLabels labels) {
    GenericRecord r = deadLetter(deadLetterSchema, d);
    if (withLabels) {
      // a lost input is not a row: its missing labels are not counted in the manifest
      putLabels(r, labels, NO_TALLY);
    }
    return r;
  }

  /** A dead letter as a row of a dead-letter schema, label columns (if any) left null. */
  public static GenericRecord deadLetter(Schema deadLetterSchema, DeadLetter d) {
    GenericRecord r = new GenericData.Record(deadLetterSchema);
    r.put(PredictionColumns.SOURCE, d.source());
    r.put(PredictionColumns.ENTRY, d.entry());
    r.put(PredictionColumns.RELATIVE_PATH, d.relativePath());
    r.put(PredictionColumns.IMAGE_SHA256, d.imageSha256());
    r.put(PredictionColumns.STAGE, d.stage().name());
    r.put(PredictionColumns.ERROR_CLASS, d.errorClass());
    r.put(PredictionColumns.MESSAGE, d.message());
    return r;
  }

  private static final LabelTally NO_TALLY =
      new LabelTally() {
        @Override
        public void missing(String task) {}

        @Override
        public void unknownValue(String task, String value) {}
      };

  private static List<Float> floats(float[] values) {
    List<Float> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add(v);
    }
    return out;
  }
}
