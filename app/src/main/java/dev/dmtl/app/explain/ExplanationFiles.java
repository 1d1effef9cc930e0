package dev.dmtl.app.explain;

import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.model.FacePrediction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The maps as numbers: a JSON document (one for the whole run, maps as rows of cells) and a CSV
 * file (one line per cell, for a spreadsheet or a data frame), named after the method ({@value
 * #JSON} and {@value #CSV} for occlusion sensitivity, {@value #CAM_JSON} and {@value #CAM_CSV} for
 * class activation maps). Both name the method in every record, and the file names say it too, so a
 * map copied out of context still says how it was made; occlusion's names are those of part 1, so
 * scripts written for them keep working.
 */
public final class ExplanationFiles {

  /** The JSON document's file name for occlusion sensitivity. */
  public static final String JSON = "occlusion-sensitivity.json";

  /** The CSV file's name for occlusion sensitivity. */
  public static final String CSV = "occlusion-sensitivity.csv";

  /** The JSON document's file name for class activation maps. */
  public static final String CAM_JSON = "class-activation-maps.json";

  /** The CSV file's name for class activation maps. */
  public static final String CAM_CSV = "class-activation-maps.csv";

  /**
   * The version of the JSON document's layout: 2 added {@code method_id}, {@code grid_rows} and
   * {@code grid_columns} (a CAM's grid is the feature map's); {@code grey} is absent for CAMs.
   */
  public static final int SCHEMA_VERSION = 2;

  /** The CSV header, in column order. */
  public static final List<String> CSV_HEADER =
      List.of("input", "face_index", "task", "method", "score", "row", "col", "value");

  private ExplanationFiles() {}

  /**
   * The JSON document.
   *
   * @param schemaVersion {@value #SCHEMA_VERSION}
   * @param method the method in words: {@code occlusion sensitivity} or {@code class activation
   *     map}
   * @param methodId the method's short name: {@code occlusion} or {@code cam}
   * @param model the model's source and SHA-256
   * @param grid cells per side (for a CAM: rows of the feature map)
   * @param gridRows rows of every map
   * @param gridColumns columns of every map
   * @param grey the 8-bit grey of a patch; null for CAMs
   * @param faces every explained face
   * @param skipped every input or face that could not be explained, and why
   */
  public record Document(
      int schemaVersion,
      String method,
      String methodId,
      ModelRef model,
      int grid,
      int gridRows,
      int gridColumns,
      Integer grey,
      List<FaceEntry> faces,
      List<Skip> skipped) {}

  /** The model explained. */
  public record ModelRef(String source, String sha256) {}

  /**
   * One face.
   *
   * @param input the image as named on the command line (or found in a named folder)
   * @param faceIndex 0-based index in the image
   * @param box the detected box in image pixels {@code [x, y, width, height]}, or null for aligned
   *     crops
   * @param overlay the PNG's file name, in the output folder
   * @param seconds wall time of this face's maps
   * @param tasks one map per explained task
   */
  public record FaceEntry(
      String input,
      int faceIndex,
      float[] box,
      String overlay,
      double seconds,
      List<TaskMap> tasks) {}

  /**
   * One task's map.
   *
   * @param task the task
   * @param score what a cell measures ({@link MapMeaning#score()}: {@code probability_drop}, {@code
   *     expected_rank_change}, {@code logit_contribution} or {@code expected_rank_contribution})
   * @param scoreDescription the same in words
   * @param answer the model's answer for the whole crop (a label, or the expected rank)
   * @param reference the watched number for the whole crop: the answer's probability, or the
   *     expected rank
   * @param values rows of cells, row 0 at the top of the crop
   */
  public record TaskMap(
      String task,
      String score,
      String scoreDescription,
      String answer,
      double reference,
      float[][] values) {}

  /**
   * An input, or a face, that gave no map.
   *
   * @param input the file
   * @param reason one line
   */
  public record Skip(String input, String reason) {}

  /** The JSON entry of one face. */
  public static FaceEntry entry(
      ExplainedFace face, List<TaskSpec> tasks, String overlay, List<String> answers) {
    List<TaskMap> out = new ArrayList<>();
    for (int t = 0; t < face.maps().size(); t++) {
      SaliencyMap m = face.maps().get(t);
      TaskSpec task = tasks.get(t);
      float[][] rows = new float[m.height()][m.width()];
      for (int r = 0; r < m.height(); r++) {
        for (int c = 0; c < m.width(); c++) {
          rows[r][c] = m.at(r, c);
        }
      }
      MapMeaning meaning = MapMeaning.of(face.method(), task, face.prediction());
      out.add(
          new TaskMap(
              m.task(),
              meaning.score(),
              meaning.description(),
              answers.get(t),
              reference(task, face.prediction()),
              rows));
    }
    FaceDetection d = face.detection();
    float[] box = d == null ? null : new float[] {d.x(), d.y(), d.width(), d.height()};
    return new FaceEntry(
        face.input().toString(), face.faceIndex(), box, overlay, face.seconds(), out);
  }

  /** The watched number of the whole crop: the answer's probability, or the expected rank. */
  private static double reference(TaskSpec task, FacePrediction p) {
    return task.kind() == TaskKind.ORDINAL
        ? p.ordinal(task.name()).expectedRank()
        : p.nominal(task.name()).confidence();
  }

  /** The JSON file's name for {@code method}. */
  public static String json(SaliencyMethod method) {
    return method == SaliencyMethod.OCCLUSION ? JSON : CAM_JSON;
  }

  /** The CSV file's name for {@code method}. */
  public static String csv(SaliencyMethod method) {
    return method == SaliencyMethod.OCCLUSION ? CSV : CAM_CSV;
  }

  /**
   * Writes both files into {@code dir}.
   *
   * @return the two paths, JSON first
   */
  public static List<Path> write(
      Path dir,
      ModelFile model,
      SaliencyMethod method,
      int rows,
      int columns,
      Integer grey,
      List<FaceEntry> faces,
      List<Skip> skipped)
      throws IOException {
    Document doc =
        new Document(
            SCHEMA_VERSION,
            method.description(),
            method.jsonName(),
            new ModelRef(model.source(), model.sha256()),
            rows,
            rows,
            columns,
            grey,
            faces,
            skipped);
    Path json = dir.resolve(json(method));
    try (OutputStream out = Files.newOutputStream(json)) {
      DmtlJson.write(doc, out, true);
    }
    Path csv = dir.resolve(csv(method));
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter p =
            CSVFormat.RFC4180
                .builder()
                .setHeader(CSV_HEADER.toArray(String[]::new))
                .build()
                .print(w)) {
      for (FaceEntry f : faces) {
        for (TaskMap t : f.tasks()) {
          for (int r = 0; r < t.values().length; r++) {
            for (int c = 0; c < t.values()[r].length; c++) {
              p.printRecord(
                  f.input(),
                  f.faceIndex(),
                  t.task(),
                  method.description(),
                  t.score(),
                  r,
                  c,
                  t.values()[r][c]);
            }
          }
        }
      }
    }
    return List.of(json, csv);
  }
}
