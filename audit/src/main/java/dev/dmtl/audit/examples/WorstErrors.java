package dev.dmtl.audit.examples;

import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.input.BestFaces;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.parquet.ParquetFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;

/**
 * Picks the worst errors of each task from the prediction Parquet, for the opt-in examples section:
 * the largest absolute age errors (with the age prediction the audit used), and the wrong gender or
 * race answers the model was most confident about. Ties are broken by address and face index, so
 * the choice does not depend on file order. Labels come from where the audit took them ({@link
 * AuditOptions#labelSource()}); with UTKFace names, only each image's best face (highest {@code
 * face_score}, then lowest {@code face_index}) is considered, as in the audit, because the name
 * labels one person.
 */
public final class WorstErrors {

  private WorstErrors() {}

  /** A candidate example and the number it is ranked by (larger = worse). */
  private record Candidate(double badness, WorstError error) {}

  private static final Comparator<Candidate> BETTER_FIRST =
      Comparator.comparingDouble(Candidate::badness)
          .thenComparing((Candidate c) -> c.error().ref().address(), Comparator.reverseOrder())
          .thenComparing((Candidate c) -> c.error().ref().faceIndex(), Comparator.reverseOrder());

  /**
   * @param predictionFiles the prediction Parquet files the audit read
   * @param tasks the audited tasks
   * @param options the audit's options (age prediction, label source)
   * @param perTask how many examples per task (at least 1)
   * @return per task in task order, its worst errors, worst first
   */
  public static List<WorstError> select(
      List<Path> predictionFiles, List<AuditedTask> tasks, AuditOptions options, int perTask)
      throws IOException {
    if (perTask < 1) {
      throw new IllegalArgumentException("number of examples must be at least 1, got " + perTask);
    }
    boolean fromNames = options.labelSource() == LabelOrigin.UTKFACE_NAMES;
    Map<String, double[]> bestFace = fromNames ? bestFaces(predictionFiles) : Map.of();
    Set<String> columns =
        new LinkedHashSet<>(
            List.of(
                PredictionColumns.SOURCE,
                PredictionColumns.ENTRY,
                PredictionColumns.FACE_INDEX,
                PredictionColumns.FACE_X,
                PredictionColumns.FACE_Y,
                PredictionColumns.FACE_W,
                PredictionColumns.FACE_H));
    for (AuditedTask t : tasks) {
      columns.add(PredictionColumns.label(t.name()));
      columns.add(PredictionColumns.labelMin(t.name()));
      columns.add(PredictionColumns.labelMax(t.name()));
      columns.add(PredictionColumns.predicted(t.name()));
      columns.add(PredictionColumns.expected(t.name()));
      columns.add(PredictionColumns.confidence(t.name()));
    }
    Map<String, PriorityQueue<Candidate>> worst = new HashMap<>();
    tasks.forEach(t -> worst.put(t.name(), new PriorityQueue<>(BETTER_FIRST)));
    for (Path file : predictionFiles) {
      ParquetFile.open(file)
          .read(
              List.copyOf(columns),
              r -> {
                FaceRef ref = ref(r);
                if (fromNames) {
                  double[] best = bestFace.get(address(ref));
                  if (best == null || best[1] != ref.faceIndex()) {
                    return;
                  }
                }
                FaceLabels names =
                    fromNames
                        ? UtkFaceNames.parse(ref.entry() != null ? ref.entry() : ref.source())
                            .orElse(FaceLabels.NONE)
                        : null;
                for (AuditedTask t : tasks) {
                  Candidate c =
                      t.kind() == TaskKind.ORDINAL
                          ? ordinal(r, t, ref, names, options.agePrediction())
                          : nominal(r, t, ref, names);
                  if (c != null) {
                    PriorityQueue<Candidate> q = worst.get(t.name());
                    q.add(c);
                    if (q.size() > perTask) {
                      q.poll();
                    }
                  }
                }
              });
    }
    List<WorstError> out = new ArrayList<>();
    for (AuditedTask t : tasks) {
      List<Candidate> sorted = new ArrayList<>(worst.get(t.name()));
      sorted.sort(BETTER_FIRST.reversed());
      for (int i = 0; i < sorted.size(); i++) {
        WorstError e = sorted.get(i).error();
        out.add(
            new WorstError(
                e.task(),
                i + 1,
                e.ref(),
                e.truth(),
                e.prediction(),
                e.errorYears(),
                e.confidence()));
      }
    }
    return out;
  }

  /**
   * The saliency maps ({@code dmtl infer --cams}) of {@code faces}, per face and task, read from
   * the prediction files; empty when the files carry none. A face without a map of a task has no
   * entry for it.
   *
   * @param tasks the task names whose maps are wanted
   */
  public static Map<FaceRef, Map<String, ExampleMap>> maps(
      List<Path> predictionFiles, List<String> tasks, java.util.Collection<FaceRef> faces)
      throws IOException {
    Set<FaceRef> wanted = Set.copyOf(faces);
    Map<FaceRef, Map<String, ExampleMap>> out = new HashMap<>();
    for (Path file : predictionFiles) {
      ParquetFile f = ParquetFile.open(file);
      if (!f.hasColumn(PredictionColumns.CAM_METHOD)) {
        continue;
      }
      List<String> columns =
          new ArrayList<>(
              List.of(
                  PredictionColumns.SOURCE,
                  PredictionColumns.ENTRY,
                  PredictionColumns.FACE_INDEX,
                  PredictionColumns.FACE_X,
                  PredictionColumns.FACE_Y,
                  PredictionColumns.FACE_W,
                  PredictionColumns.FACE_H,
                  PredictionColumns.CAM_METHOD,
                  PredictionColumns.CAM_HEIGHT,
                  PredictionColumns.CAM_WIDTH));
      tasks.forEach(t -> columns.add(PredictionColumns.cam(t)));
      f.read(
          columns,
          r -> {
            FaceRef ref = ref(r);
            if (!wanted.contains(ref)) {
              return;
            }
            String method = ParquetFile.text(r, PredictionColumns.CAM_METHOD);
            int height = (int) ParquetFile.number(r, PredictionColumns.CAM_HEIGHT);
            int width = (int) ParquetFile.number(r, PredictionColumns.CAM_WIDTH);
            Map<String, ExampleMap> byTask = new HashMap<>();
            for (String t : tasks) {
              String column = PredictionColumns.cam(t);
              if (method != null && r.hasField(column) && r.get(column) instanceof List<?> list) {
                List<Float> values = new ArrayList<>(list.size());
                for (Object v : list) {
                  values.add(((Number) v).floatValue());
                }
                byTask.put(t, new ExampleMap(method, height, width, values));
              }
            }
            out.put(ref, byTask);
          });
    }
    return out;
  }

  private static Candidate ordinal(
      GenericRecord r, AuditedTask t, FaceRef ref, FaceLabels names, AgePrediction which) {
    double lo;
    double hi;
    if (names != null) {
      if (!names.answersOrdinal(t.name()) || names.ageMin() == null) {
        return null;
      }
      lo = names.ageMin();
      hi = names.ageMax() == null ? lo : names.ageMax();
    } else {
      double exact = ParquetFile.number(r, PredictionColumns.label(t.name()));
      lo =
          Double.isNaN(exact) ? ParquetFile.number(r, PredictionColumns.labelMin(t.name())) : exact;
      hi =
          Double.isNaN(exact) ? ParquetFile.number(r, PredictionColumns.labelMax(t.name())) : exact;
    }
    double predicted =
        ParquetFile.number(
            r,
            which == AgePrediction.RANK
                ? PredictionColumns.predicted(t.name())
                : PredictionColumns.expected(t.name()));
    if (Double.isNaN(lo) || Double.isNaN(hi) || Double.isNaN(predicted)) {
      return null;
    }
    double error = predicted < lo ? predicted - lo : predicted > hi ? predicted - hi : 0;
    String truth = lo == hi ? whole(lo) : whole(lo) + "–" + whole(hi);
    String prediction =
        which == AgePrediction.RANK
            ? whole(predicted)
            : String.format(Locale.ROOT, "%.2f", predicted);
    return new Candidate(
        Math.abs(error), new WorstError(t.name(), 0, ref, truth, prediction, error, Double.NaN));
  }

  private static Candidate nominal(GenericRecord r, AuditedTask t, FaceRef ref, FaceLabels names) {
    String truth;
    if (names != null) {
      truth = names.nominalFor(t.task());
    } else {
      truth = ParquetFile.text(r, PredictionColumns.label(t.name()));
    }
    String predicted = ParquetFile.text(r, PredictionColumns.predicted(t.name()));
    // a model with a label map is right when its label maps to the truth; shown as both
    String compared = predicted;
    if (predicted != null && t.task().isMapped()) {
      compared = t.task().labelMap().get(predicted);
      predicted = predicted + " → " + compared;
    }
    if (truth == null || compared == null || truth.equals(compared)) {
      return null;
    }
    double confidence = ParquetFile.number(r, PredictionColumns.confidence(t.name()));
    // a wrong answer without a recorded confidence still counts, after every confident one
    double badness = Double.isNaN(confidence) ? -1 : confidence;
    return new Candidate(
        badness, new WorstError(t.name(), 0, ref, truth, predicted, Double.NaN, confidence));
  }

  private static String whole(double years) {
    return Long.toString(Math.round(years));
  }

  private static FaceRef ref(GenericRecord r) {
    String source = ParquetFile.text(r, PredictionColumns.SOURCE);
    double index = ParquetFile.number(r, PredictionColumns.FACE_INDEX);
    double x = ParquetFile.number(r, PredictionColumns.FACE_X);
    double y = ParquetFile.number(r, PredictionColumns.FACE_Y);
    double w = ParquetFile.number(r, PredictionColumns.FACE_W);
    double h = ParquetFile.number(r, PredictionColumns.FACE_H);
    FaceRef.Box box =
        Double.isNaN(x) || Double.isNaN(y) || !(w > 0) || !(h > 0)
            ? null
            : new FaceRef.Box(x, y, w, h);
    return new FaceRef(
        source == null ? "" : source,
        ParquetFile.text(r, PredictionColumns.ENTRY),
        Double.isNaN(index) ? 0 : (int) index,
        box);
  }

  private static String address(FaceRef ref) {
    return ref.entry() == null ? ref.source() : ref.source() + "!/" + ref.entry();
  }

  /** Per input address: {score, face index} of its best face. */
  private static Map<String, double[]> bestFaces(List<Path> files) throws IOException {
    Map<String, double[]> best = new HashMap<>();
    List<String> columns =
        List.of(
            PredictionColumns.SOURCE,
            PredictionColumns.ENTRY,
            PredictionColumns.FACE_INDEX,
            PredictionColumns.FACE_SCORE);
    for (Path file : files) {
      ParquetFile.open(file)
          .read(
              columns,
              r -> {
                String source = ParquetFile.text(r, PredictionColumns.SOURCE);
                String entry = ParquetFile.text(r, PredictionColumns.ENTRY);
                String key = entry == null ? source : source + "!/" + entry;
                double score = ParquetFile.number(r, PredictionColumns.FACE_SCORE);
                double s = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
                double index = ParquetFile.number(r, PredictionColumns.FACE_INDEX);
                double i = Double.isNaN(index) ? Integer.MAX_VALUE : index;
                best.merge(
                    key,
                    new double[] {s, i},
                    (a, b) -> BestFaces.better(b[0], (int) b[1], a[0], (int) a[1]) ? b : a);
              });
    }
    return best;
  }
}
