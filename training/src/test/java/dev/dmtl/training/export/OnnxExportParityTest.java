package dev.dmtl.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingData;
import dev.dmtl.training.TrainingListener;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.data.FaceCache;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported graph computes what the DJL network computes: same batch through DJL (inference
 * mode) and ONNX Runtime, every output compared with absolute + relative tolerance. This is the
 * "Error" column of the paper's Table V for our exporter.
 */
class OnnxExportParityTest {

  @Test
  void exportedModelMatchesDjlAndPassesTheContract(@TempDir Path dir) throws Exception {
    FaceCache train = trainTinyRun(dir);
    ModelFile file =
        ModelExport.export(
            new ModelExport.Request(
                dir,
                new RunFolder(dir).lastCheckpoint(),
                dir.resolve("m.onnx"),
                null,
                false,
                null,
                "test",
                null,
                null));
    assertEquals(3, file.contract().tasks().size());
    assertTrue(file.contract().logVariance().containsKey("age"));
    // new exports declare each task's feature maps for exact CAMs (issue 21); the logits below
    // are those of the same graph
    assertTrue(file.contract().explainable(), file.contract().explainability());
    ModelFile reread = ModelContractReader.read(dir.resolve("m.onnx"));
    assertEquals(file.sha256(), reread.sha256());
    double err = maxError(dir, train, dir.resolve("m.onnx"), false);
    assertTrue(err <= 1, "parity error " + err);
  }

  @Test
  void flipAveragingInTheGraphEqualsAveragingTwoDjlPasses(@TempDir Path dir) throws Exception {
    FaceCache train = trainTinyRun(dir);
    ModelExport.export(
        new ModelExport.Request(
            dir,
            new RunFolder(dir).lastCheckpoint(),
            dir.resolve("tta.onnx"),
            null,
            true,
            "{\"note\":\"held-out\"}",
            "test",
            "abc123",
            "fp"));
    assertTrue(ModelContractReader.read(dir.resolve("tta.onnx")).contract().explainable());
    double err = maxError(dir, train, dir.resolve("tta.onnx"), true);
    assertTrue(err <= 1, "parity error " + err);
    String provenance =
        ModelContractReader.read(dir.resolve("tta.onnx")).contract().provenance().toString();
    assertTrue(provenance.contains("\"held_out_metrics\":{\"note\":\"held-out\"}"), provenance);
    assertTrue(provenance.contains("\"code_version\":\"abc123\""), provenance);
  }

  private static FaceCache trainTinyRun(Path dir) throws Exception {
    FaceCache train = dev.dmtl.training.TrainingFixturesAccess.sampleCache(0, 16);
    TrainConfig config = dev.dmtl.training.TrainingFixturesAccess.config(1);
    try (TrainingRun run = new TrainingRun(config, dir, TrainingListener.NONE)) {
      run.train(new TrainingData(train, train), 0);
    }
    return train;
  }

  private static double maxError(Path dir, FaceCache images, Path model, boolean flip)
      throws Exception {
    RunFolder folder = new RunFolder(dir);
    return Parity.measure(folder.readConfig(), dir, folder.lastCheckpoint(), images, 8, model, flip)
        .maxScaled();
  }
}
