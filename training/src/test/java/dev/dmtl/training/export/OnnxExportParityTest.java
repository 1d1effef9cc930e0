package dev.dmtl.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.optim.LearningRateSchedule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported graph computes what the DJL network computes: same batch through DJL (inference
 * mode) and ONNX Runtime, every output compared with absolute + relative tolerance. This is the
 * "Error" column of the paper's Table V for our exporter.
 */
class OnnxExportParityTest {

  static final double ABS = 1e-4;
  static final double REL = 1e-4;

  @Test
  void exportedModelMatchesDjlAndPassesTheContract(@TempDir Path dir) throws Exception {
    FaceCache train = trainTinyRun(dir);
    ModelFile file = ModelExport.export(new ModelExport.Request(dir, new RunFolder(dir).lastCheckpoint(),
        dir.resolve("m.onnx"), null, false, null, "test", null, null));
    assertEquals(3, file.contract().tasks().size());
    assertTrue(file.contract().logVariance().containsKey("age"));
    ModelFile reread = ModelContractReader.read(dir.resolve("m.onnx"));
    assertEquals(file.sha256(), reread.sha256());
    double err = maxError(dir, train, dir.resolve("m.onnx"), false);
    assertTrue(err <= 1, "parity error " + err);
  }

  @Test
  void flipAveragingInTheGraphEqualsAveragingTwoDjlPasses(@TempDir Path dir) throws Exception {
    FaceCache train = trainTinyRun(dir);
    ModelExport.export(new ModelExport.Request(dir, new RunFolder(dir).lastCheckpoint(), dir.resolve("tta.onnx"), null,
        true, "{\"note\":\"held-out\"}", "test", "abc123", "fp"));
    double err = maxError(dir, train, dir.resolve("tta.onnx"), true);
    assertTrue(err <= 1, "parity error " + err);
    String provenance = ModelContractReader.read(dir.resolve("tta.onnx")).contract().provenanceJson();
    assertTrue(provenance.contains("\"held_out_metrics\":{\"note\":\"held-out\"}"), provenance);
    assertTrue(provenance.contains("\"code_version\":\"abc123\""), provenance);
  }

  private static FaceCache trainTinyRun(Path dir) throws Exception {
    FaceCache train = dev.dmtl.training.TrainingFixturesAccess.sampleCache(0, 16);
    TrainConfig config = dev.dmtl.training.TrainingFixturesAccess.config(1);
    try (TrainingRun run = new TrainingRun(config, dir, new PrintStream(new ByteArrayOutputStream()))) {
      run.train(train, train);
    }
    return train;
  }

  /** Largest |djl − ort| / (ABS + REL·|djl|) over all outputs: ≤ 1 means within tolerance. */
  private static double maxError(Path dir, FaceCache images, Path model, boolean flip) throws Exception {
    TrainConfig config = new RunFolder(dir).readConfig();
    int n = 8;
    int s = config.network().inputSize();
    try (TrainingRun run = new TrainingRun(config, dir, new PrintStream(new ByteArrayOutputStream()))) {
      run.load(new RunFolder(dir).lastCheckpoint());
      BatchBuilder builder = new BatchBuilder(images, run.input(), Augmentation.none());
      float[] batch = new float[n * 3 * s * s];
      for (int i = 0; i < n; i++) {
        builder.fill(batch, i, i, null);
      }
      NDArray x = run.manager().create(batch, new Shape(n, 3, s, s));
      NDList djl = run.predict(x);
      NDList mirrored = flip ? run.predict(x.flip(3)) : null;
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
          OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {n, 3, s, s});
          OrtSession.Result result = session.run(Map.of("image", input))) {
        double worst = 0;
        String[] outputs = {"age_logits", "gender_logits", "race_logits"};
        for (int t = 0; t < outputs.length; t++) {
          float[] expected = djl.get(t).toFloatArray();
          if (flip) {
            float[] other = mirrored.get(t).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
              expected[i] = (expected[i] + other[i]) / 2;
            }
          }
          float[][] actual = (float[][]) result.get(outputs[t]).orElseThrow().getValue();
          int width = actual[0].length;
          for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i / width][i % width]);
            worst = Math.max(worst, diff / (ABS + REL * Math.abs(expected[i])));
          }
        }
        return worst;
      }
    }
  }
}
