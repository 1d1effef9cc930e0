package dev.dmtl.app.explain;

import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.explain.SensitivityMap;
import dev.dmtl.inference.face.FaceDetection;
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
 * The maps as numbers: {@value #JSON} (one document for the whole run, maps as rows of cells) and
 * {@value #CSV} (one line per cell, for a spreadsheet or a data frame). Both name the method in
 * every record, so a map copied out of context still says it is occlusion sensitivity and not a
 * class activation map.
 */
public final class ExplanationFiles {

  /** The JSON document's file name. */
  public static final String JSON = "occlusion-sensitivity.json";

  /** The CSV file's name. */
  public static final String CSV = "occlusion-sensitivity.csv";

  /** The version of the JSON document's layout. */
  public static final int SCHEMA_VERSION = 1;

  /** The CSV header, in column order. */
  public static final List<String> CSV_HEADER =
      List.of("input", "face_index", "task", "method", "score", "row", "col", "value");

  private ExplanationFiles() {}

  /**
   * The JSON document.
   *
   * @param schemaVersion {@value #SCHEMA_VERSION}
   * @param method always {@value SensitivityMap#METHOD}
   * @param model the model's source and SHA-256
   * @param grid cells per side
   * @param grey the 8-bit grey of a patch
   * @param faces every explained face
   * @param skipped every input or face that could not be explained, and why
   */
  public record Document(
      int schemaVersion,
      String method,
      ModelRef model,
      int grid,
      int grey,
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
   * @param seconds wall time of this face's occlusion
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
   * @param score what a cell measures ({@code probability_drop} or {@code expected_rank_change})
   * @param scoreDescription the same in words
   * @param answer the model's answer for the whole crop (a label, or the expected rank)
   * @param reference the watched number for the whole crop: the answer's probability, or the
   *     expected rank
   * @param values {@code grid} rows of {@code grid} cells, row 0 at the top of the crop
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
  public static FaceEntry entry(ExplainedFace face, String overlay, List<String> answers) {
    List<TaskMap> tasks = new ArrayList<>();
    List<SensitivityMap> maps = face.explanation().maps();
    for (int t = 0; t < maps.size(); t++) {
      SensitivityMap m = maps.get(t);
      float[][] rows = new float[m.size()][m.size()];
      for (int r = 0; r < m.size(); r++) {
        for (int c = 0; c < m.size(); c++) {
          rows[r][c] = m.at(r, c);
        }
      }
      tasks.add(
          new TaskMap(
              m.task(),
              m.score().name().toLowerCase(java.util.Locale.ROOT),
              m.score().description(),
              answers.get(t),
              m.reference(),
              rows));
    }
    FaceDetection d = face.detection();
    float[] box = d == null ? null : new float[] {d.x(), d.y(), d.width(), d.height()};
    return new FaceEntry(
        face.input().toString(), face.faceIndex(), box, overlay, face.seconds(), tasks);
  }

  /**
   * Writes both files into {@code dir}.
   *
   * @return the two paths, JSON first
   */
  public static List<Path> write(
      Path dir, ModelFile model, OcclusionGrid grid, List<FaceEntry> faces, List<Skip> skipped)
      throws IOException {
    Document doc =
        new Document(
            SCHEMA_VERSION,
            SensitivityMap.METHOD,
            new ModelRef(model.source(), model.sha256()),
            grid.size(),
            grid.grey(),
            faces,
            skipped);
    Path json = dir.resolve(JSON);
    try (OutputStream out = Files.newOutputStream(json)) {
      DmtlJson.write(doc, out, true);
    }
    Path csv = dir.resolve(CSV);
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
                  SensitivityMap.METHOD,
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
