package dev.dmtl.contract.model;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task's head weights as {@code dmtl.explain} declares them, read from the model's
 * initializers: the rows of the task's own outputs (its slice of a shared output), one column per
 * feature-map channel. What turns the feature maps into class activation maps.
 *
 * @param task the task name
 * @param rows the task's output width (K−1 thresholds, C classes)
 * @param channels the feature map's channels
 * @param values {@code rows × channels}, row-major
 * @param mapHeight rows h of the feature map these weights apply to (its declared output's shape)
 * @param mapWidth columns w of that feature map
 */
public record HeadWeights(
    String task, int rows, int channels, float[] values, int mapHeight, int mapWidth) {

  public HeadWeights {
    Objects.requireNonNull(task, "task");
    values = values.clone();
    if (mapHeight < 1 || mapWidth < 1) {
      throw new IllegalArgumentException(
          "head weights of '" + task + "': map size " + mapHeight + "x" + mapWidth);
    }
    if (rows < 1 || channels < 1 || values.length != rows * channels) {
      throw new IllegalArgumentException(
          "head weights of '"
              + task
              + "': "
              + values.length
              + " values for "
              + rows
              + "x"
              + channels);
    }
  }

  /** The weight of output {@code row} (within the task) on channel {@code channel}. */
  public float at(int row, int channel) {
    return values[row * channels + channel];
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /**
   * Reads the head weights of every task that {@code contract} (already validated against this
   * graph by {@link ModelContractReader}) declares in {@code dmtl.explain}.
   *
   * @throws ContractViolationException when the bytes do not parse or a weight is stored in a way
   *     this reader does not take (external data)
   */
  public static Map<String, HeadWeights> read(String source, byte[] bytes, ModelContract contract)
      throws ContractViolationException {
    if (contract.explain().isEmpty()) {
      return Map.of();
    }
    OnnxMl.GraphProto graph = ModelContractReader.parse(source, bytes).getGraph();
    Map<String, OnnxMl.TensorProto> initializers = new LinkedHashMap<>();
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    Map<String, OnnxMl.ValueInfoProto> outputs = new LinkedHashMap<>();
    graph.getOutputList().forEach(o -> outputs.put(o.getName(), o));
    Map<String, HeadWeights> out = new LinkedHashMap<>();
    for (Map.Entry<String, ExplainHead> e : contract.explain().entrySet()) {
      TaskSpec task = contract.task(e.getKey()).orElseThrow();
      OnnxMl.TensorProto t = initializers.get(e.getValue().weight());
      if (t == null || t.getDimsCount() != 2) {
        throw new ContractViolationException(
            source,
            "explain."
                + task.name()
                + ".weight: no 2-D initializer '"
                + e.getValue().weight()
                + "'");
      }
      int columns = Math.toIntExact(t.getDims(1));
      float[] all = floats(source, t);
      int from = task.sliceFrom();
      int rows = task.outputWidth();
      OnnxMl.ValueInfoProto map = outputs.get(e.getValue().featureMap());
      if (map == null) {
        throw new ContractViolationException(
            source,
            "explain."
                + task.name()
                + ".feature_map: no output '"
                + e.getValue().featureMap()
                + "'");
      }
      List<OnnxMl.TensorShapeProto.Dimension> dims =
          map.getType().getTensorType().getShape().getDimList();
      out.put(
          task.name(),
          new HeadWeights(
              task.name(),
              rows,
              columns,
              Arrays.copyOfRange(all, from * columns, (from + rows) * columns),
              Math.toIntExact(dims.get(2).getDimValue()),
              Math.toIntExact(dims.get(3).getDimValue())));
    }
    return out;
  }

  private static float[] floats(String source, OnnxMl.TensorProto t)
      throws ContractViolationException {
    long count = 1;
    for (long d : t.getDimsList()) {
      count *= d;
    }
    if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
      throw new ContractViolationException(
          source, "initializer '" + t.getName() + "' is stored outside the model file");
    }
    float[] values = new float[Math.toIntExact(count)];
    if (!t.getRawData().isEmpty()) {
      if (t.getRawData().size() != values.length * Float.BYTES) {
        throw new ContractViolationException(
            source,
            "initializer '"
                + t.getName()
                + "' has "
                + t.getRawData().size()
                + " bytes for "
                + count
                + " floats");
      }
      ByteBuffer.wrap(t.getRawData().toByteArray())
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(values);
    } else {
      if (t.getFloatDataCount() != values.length) {
        throw new ContractViolationException(
            source,
            "initializer '"
                + t.getName()
                + "' has "
                + t.getFloatDataCount()
                + " floats, dims say "
                + count);
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = t.getFloatData(i);
      }
    }
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeadWeights h
        && task.equals(h.task)
        && rows == h.rows
        && channels == h.channels
        && mapHeight == h.mapHeight
        && mapWidth == h.mapWidth
        && Arrays.equals(values, h.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, rows, channels, mapHeight, mapWidth, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "HeadWeights[" + task + ", " + rows + "x" + channels + "]";
  }
}
