package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.NonMaxSuppression;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.testdata.AnnotatedPhoto;
import dev.dmtl.testdata.DetectionMatch;
import dev.dmtl.testdata.Photos;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --faces detect} through the whole job on the real photos shipped in testdata/photos, with
 * the bundled model: one row per annotated face, at the annotated place, a NO_FACE dead letter for
 * the photo without a face, and every input accounted for.
 */
class DetectModeTest {

  /**
   * {@code --detect-size 1024}: the group photo's 29 faces are all found at its full 1024 px
   * (weakest score 0.87), while at the default 640 px about half fall under the threshold; so 29
   * rows also show that this option reached the workers.
   */
  private static final DetectorOptions FULL_SIZE = DetectorOptions.defaults().withMaxSide(1024);

  /**
   * Same criterion as the inference module's YuNetDetectorTest: the hand-made boxes are good to 2-3
   * px.
   */
  private static final double MIN_IOU = 0.5;

  @TempDir Path tmp;

  @Test
  void everyAnnotatedFaceIsARowAndAPhotoWithoutFacesIsANoFaceDeadLetter() throws Exception {
    assumeTrue(
        BundledModel.read().isPresent(),
        "this build bundles no model, so --faces detect has none to run");
    List<AnnotatedPhoto> photos = Photos.all();
    List<String> inputs = photos.stream().map(p -> Photos.file(p.file()).toString()).toList();
    int annotatedFaces = photos.stream().mapToInt(p -> p.faces().size()).sum();
    Path out = tmp.resolve("out");
    RunResult result =
        InferJob.run(
            InferRequest.of(inputs, out.toString())
                .withFaces(FaceMode.DETECT)
                .withDetector(FULL_SIZE)
                .withRunner(RunnerKind.DIRECT, 2)
                .withBatchSize(new BatchSize(8)));

    RunManifest.Counts c = result.manifest().counts();
    assertEquals(photos.size(), c.inputsSeen());
    assertEquals(
        c.inputsSeen(),
        c.inputsWithRows() + c.deadLetters(),
        "every input is a row or a dead letter");
    assertEquals(1, c.deadLetters(), "only the photo of a coffee cup has no face");
    assertEquals(1, c.deadLettersByStage().get(Stage.NO_FACE));
    assertEquals(annotatedFaces, c.rows(), "one row per annotated face");

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT source, stage FROM read_parquet('"
                  + out.resolve("dead_letters.parquet")
                  + "')")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).endsWith(Photos.NO_FACE), rs.getString(1));
        assertEquals("NO_FACE", rs.getString(2));
      }
      Map<String, List<FaceDetection>> rows = new HashMap<>();
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT source, face_index, face_x, face_y, face_w, face_h, face_score, "
                  + "face_landmarks FROM read_parquet('"
                  + out.resolve("predictions.parquet")
                  + "') ORDER BY source, face_index")) {
        while (rs.next()) {
          String file = Path.of(rs.getString(1)).getFileName().toString();
          List<FaceDetection> faces = rows.computeIfAbsent(file, f -> new ArrayList<>());
          assertEquals(faces.size(), rs.getInt(2), "face indexes 0..n-1 in " + file);
          Object[] lm = (Object[]) rs.getArray(8).getArray();
          assertEquals(10, lm.length, "five landmarks (x, y) per face");
          float[] landmarks = new float[10];
          for (int i = 0; i < 10; i++) {
            landmarks[i] = ((Number) lm[i]).floatValue();
          }
          faces.add(
              new FaceDetection(
                  rs.getFloat(3),
                  rs.getFloat(4),
                  rs.getFloat(5),
                  rs.getFloat(6),
                  rs.getFloat(7),
                  landmarks));
        }
      }
      for (AnnotatedPhoto photo : photos) {
        List<FaceDetection> found = rows.getOrDefault(photo.file(), List.of());
        DetectionMatch<FaceDetection> match =
            DetectionMatch.of(
                found,
                FaceDetection::score,
                (d, b) -> NonMaxSuppression.iou(d, b.left(), b.top(), b.width(), b.height()),
                photo.boxes(),
                MIN_IOU);
        assertEquals(0, match.misses(), photo.file() + ": annotated faces without a row");
        assertEquals(
            0,
            match.falseAlarms(),
            photo.file() + ": rows that are no annotated face " + match.unmatched());
      }
    }
  }

  @Test
  void detectorOptionsReachTheWorkers() throws Exception {
    assumeTrue(
        BundledModel.read().isPresent(),
        "this build bundles no model, so --faces detect has none to run");
    Path out = tmp.resolve("top1");
    RunResult result =
        InferJob.run(
            InferRequest.of(List.of(Photos.file(Photos.GROUP).toString()), out.toString())
                .withFaces(FaceMode.DETECT)
                .withDetector(FULL_SIZE.withTopK(1))
                .withRunner(RunnerKind.DIRECT, 1));
    assertEquals(1, result.manifest().counts().rows(), "--max-faces 1 keeps the best face only");
  }
}
