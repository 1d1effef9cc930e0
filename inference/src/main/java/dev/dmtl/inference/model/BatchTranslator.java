package dev.dmtl.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskSpec;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DJL translator between a prepared input batch and the per-task logits. Batching is done by
 * {@link FacePredictor} (one tensor for the whole batch), so DJL's own batchifier is not used.
 */
final class BatchTranslator
    implements NoBatchifyTranslator<BatchTranslator.Batch, Map<String, float[][]>> {

  /** {@code size} crops, already normalised, in the model's layout. */
  record Batch(int size, float[] data) {}

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
    return new NDList(array);
  }

  /** Per task, one row of its values per sample: the task's slice of its output. */
  @Override
  public Map<String, float[][]> processOutput(TranslatorContext ctx, NDList outputs) {
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
