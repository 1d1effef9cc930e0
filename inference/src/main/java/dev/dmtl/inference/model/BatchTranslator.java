package dev.dmtl.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.dmtl.contract.model.ExplainHead;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.FeatureMaps;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DJL translator between a prepared input batch and the per-task logits (and, when asked, the
 * feature maps {@code dmtl.explain} declares). Batching is done by {@link FacePredictor} (one
 * tensor for the whole batch), so DJL's own batchifier is not used.
 */
final class BatchTranslator
    implements NoBatchifyTranslator<BatchTranslator.Batch, BatchTranslator.Outputs> {

  /**
   * {@code size} crops, already normalised, in the model's layout; {@code withFeatures}: also copy
   * the declared feature maps off the engine.
   */
  record Batch(int size, float[] data, boolean withFeatures) {}

  /**
   * Per task, the logits of each sample, and the feature maps when they were asked for (empty
   * otherwise).
   */
  record Outputs(Map<String, float[][]> logits, Map<String, FeatureMaps> features) {}

  private static final String WITH_FEATURES = "dmtl.withFeatures";

  private final ModelContract contract;

  BatchTranslator(ModelContract contract) {
    this.contract = contract;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Batch batch) {
    InputSpec in = contract.input();
    Shape shape =
        in.layout() == InputSpec.Layout.NCHW
            ? new Shape(batch.size(), 3, in.height(), in.width())
            : new Shape(batch.size(), in.height(), in.width(), 3);
    NDArray array =
        ctx.getNDManager().create(FloatBuffer.wrap(batch.data()), shape, DataType.FLOAT32);
    array.setName(contract.input().name());
    // ONNX Runtime (through DJL) computes every graph output anyway; what costs is copying the
    // feature maps into Java arrays, so that happens only for a batch that asked for them
    ctx.setAttachment(WITH_FEATURES, batch.withFeatures());
    return new NDList(array);
  }

  @Override
  public Outputs processOutput(TranslatorContext ctx, NDList outputs) {
    Map<String, float[][]> logits = logits(outputs);
    if (!Boolean.TRUE.equals(ctx.getAttachment(WITH_FEATURES))) {
      return new Outputs(logits, Map.of());
    }
    Map<String, FeatureMaps> features = new LinkedHashMap<>();
    for (Map.Entry<String, ExplainHead> e : contract.explain().entrySet()) {
      NDArray out = outputs.get(e.getValue().featureMap());
      if (out == null || out.getShape().dimension() != 4) {
        throw new IllegalStateException(
            "the model returned no 4-D output '"
                + e.getValue().featureMap()
                + "' for the feature maps of task '"
                + e.getKey()
                + "'");
      }
      Shape shape = out.getShape();
      features.put(
          e.getKey(),
          new FeatureMaps(
              e.getKey(),
              (int) shape.get(0),
              (int) shape.get(1),
              (int) shape.get(2),
              (int) shape.get(3),
              out.toType(DataType.FLOAT32, false).toFloatArray()));
    }
    return new Outputs(logits, features);
  }

  /** Per task, one row of its values per sample: the task's slice of its output. */
  private Map<String, float[][]> logits(NDList outputs) {
    int n = -1;
    Map<String, float[]> flatByOutput = new HashMap<>();
    Map<String, float[][]> byTask = new LinkedHashMap<>();
    for (TaskSpec task : contract.tasks()) {
      NDArray out = outputs.get(task.output());
      if (out == null) {
        throw new IllegalStateException(
            "the model returned no output '" + task.output() + "' for task '" + task.name() + "'");
      }
      Shape shape = out.getShape();
      int needed = task.slice() == null ? task.outputWidth() : task.slice().to();
      boolean fits =
          shape.dimension() == 2
              && (task.slice() == null ? shape.get(1) == needed : shape.get(1) >= needed);
      if (!fits) {
        throw new IllegalStateException(
            "output '"
                + task.output()
                + "' has shape "
                + shape
                + ", task '"
                + task.name()
                + "' needs [batch, "
                + needed
                + "]");
      }
      // tasks sharing an output (slices of it) copy it off the engine once
      float[] flat =
          flatByOutput.computeIfAbsent(
              task.output(), o -> out.toType(DataType.FLOAT32, false).toFloatArray());
      int stride = (int) shape.get(1);
      int rows = (int) shape.get(0);
      n = n < 0 ? rows : n;
      if (rows != n) {
        throw new IllegalStateException("outputs disagree on the batch size: " + rows + " vs " + n);
      }
      int width = task.outputWidth();
      int from = task.sliceFrom();
      float[][] values = new float[rows][width];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(flat, i * stride + from, values[i], 0, width);
      }
      byTask.put(task.name(), values);
    }
    return byTask;
  }
}
