package dev.dmtl.training.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.dmtl.inference.model.OrtEnvironments;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingListener;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * DJL (the training network, from a checkpoint) against ONNX Runtime (the exported file) on the
 * same batch: the export error the paper reports in Table V.
 */
final class Parity {

  static final double ABS = 1e-4;
  static final double REL = 1e-4;
  static final String[] OUTPUTS = {"age_logits", "gender_logits", "race_logits"};

  /**
   * @param maxAbs largest |djl − ort| over every output value
   * @param maxScaled largest |djl − ort| / (ABS + REL·|djl|): ≤ 1 means within tolerance
   */
  record Result(double maxAbs, double maxScaled, int images) {}

  private Parity() {}

  static Result measure(
      TrainConfig config,
      Path runDir,
      Path checkpoint,
      FaceCache images,
      int n,
      Path model,
      boolean flip)
      throws Exception {
    int s = config.network().inputSize();
    try (TrainingRun run = new TrainingRun(config, runDir, TrainingListener.NONE)) {
      run.load(checkpoint);
      BatchBuilder builder = new BatchBuilder(images, run.input(), Augmentation.none());
      float[] batch = new float[n * 3 * s * s];
      for (int i = 0; i < n; i++) {
        builder.fill(batch, i, i, null);
      }
      NDArray x = run.manager().create(batch, new Shape(n, 3, s, s));
      NDList djl = run.predict(x);
      NDList mirrored = flip ? run.predict(x.flip(3)) : null;
      OrtEnvironment env = OrtEnvironments.shared();
      try (OrtSession session =
              env.createSession(model.toString(), new OrtSession.SessionOptions());
          OnnxTensor input =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {n, 3, s, s});
          OrtSession.Result result = session.run(Map.of("image", input))) {
        double worstAbs = 0;
        double worstScaled = 0;
        for (int t = 0; t < OUTPUTS.length; t++) {
          float[] expected = djl.get(t).toFloatArray();
          if (flip) {
            float[] other = mirrored.get(t).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
              expected[i] = (expected[i] + other[i]) / 2;
            }
          }
          float[][] actual = (float[][]) result.get(OUTPUTS[t]).orElseThrow().getValue();
          int width = actual[0].length;
          for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i / width][i % width]);
            worstAbs = Math.max(worstAbs, diff);
            worstScaled = Math.max(worstScaled, diff / (ABS + REL * Math.abs(expected[i])));
          }
        }
        return new Result(worstAbs, worstScaled, n);
      }
    }
  }
}
