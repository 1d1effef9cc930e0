package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --faces detect} through the whole job on ordinary photos (../shared/data/wild; skipped
 * without it), with the bundled model: one row per detected face, a NO_FACE dead letter for the
 * photo of dogs, and every input accounted for.
 */
class DetectModeTest {

  @TempDir Path tmp;

  @Test
  void everyFaceIsARowAndAPhotoWithoutFacesIsANoFaceDeadLetter() throws Exception {
    Path wild = TestData.shared().map(s -> s.resolve("data/wild")).orElse(null);
    assumeTrue(wild != null && Files.isDirectory(wild), "../shared/data/wild is not available");
    assumeTrue(BundledModel.read().isPresent(), "this build bundles no model");
    List<String> photos;
    try (Stream<Path> files = Files.list(wild)) {
      photos = files.filter(p -> p.toString().endsWith(".jpg")).map(Path::toString).sorted().toList();
    }
    Path out = tmp.resolve("out");
    RunResult result = InferJob.run(InferRequest.of(photos, out.toString()).withFaces(FaceMode.DETECT)
        .withRunner(RunnerKind.DIRECT, 2).withBatchSize(new BatchSize(8)));

    RunManifest.Counts c = result.manifest().counts();
    assertEquals(photos.size(), c.inputsSeen());
    assertEquals(c.inputsSeen(), c.inputsWithRows() + c.deadLetters(), "every input is a row or a dead letter");
    assertEquals(1, c.deadLetters(), "only the photo of dogs has no face");
    assertEquals(1, c.deadLettersByStage().get(Stage.NO_FACE));
    assertTrue(c.rows() > c.inputsWithRows(), "group photos give several rows: " + c.rows());

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      try (ResultSet rs = sql.executeQuery("SELECT source, stage FROM read_parquet('" + out.resolve("dead_letters.parquet")
          + "')")) {
        rs.next();
        assertTrue(rs.getString(1).endsWith("dogs.jpg"), rs.getString(1));
        assertEquals("NO_FACE", rs.getString(2));
      }
      Map<String, Integer> faces = new HashMap<>();
      try (ResultSet rs = sql.executeQuery("SELECT source, count(*), max(face_index) + 1, min(face_w), "
          + "min(len(face_landmarks)) FROM read_parquet('" + out.resolve("predictions.parquet") + "') GROUP BY 1")) {
        while (rs.next()) {
          assertEquals(rs.getInt(2), rs.getInt(3), "face indexes 0..n-1 in " + rs.getString(1));
          assertTrue(rs.getDouble(4) >= 16, "no face below the minimum size");
          assertEquals(10, rs.getInt(5), "five landmarks (x, y) per face");
          faces.put(Path.of(rs.getString(1)).getFileName().toString(), rs.getInt(2));
        }
      }
      assertEquals(1, faces.get("Tom_Cruise_avp_2014_4.jpg"), "a portrait is one face: " + faces);
      assertTrue(faces.get("bald_guys.jpg") >= 5, "a group photo is many faces: " + faces);
    }
  }

  @Test
  void detectorOptionsReachTheWorkers() throws Exception {
    Path wild = TestData.shared().map(s -> s.resolve("data/wild")).orElse(null);
    assumeTrue(wild != null && Files.isDirectory(wild), "../shared/data/wild is not available");
    assumeTrue(BundledModel.read().isPresent(), "this build bundles no model");
    Path out = tmp.resolve("top1");
    RunResult result = InferJob.run(InferRequest.of(List.of(wild.resolve("bald_guys.jpg").toString()), out.toString())
        .withFaces(FaceMode.DETECT).withDetector(DetectorOptions.defaults().withTopK(1))
        .withRunner(RunnerKind.DIRECT, 1));
    assertEquals(1, result.manifest().counts().rows(), "--max-faces 1 keeps the best face only");
  }
}
