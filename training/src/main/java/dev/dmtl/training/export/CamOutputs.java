package dev.dmtl.training.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ExplainHead;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.onnx.TensorDeclaration;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a dmtl-exported graph explainable: for each task, the input of the global average pooling
 * before its linear head (the head convolution's activated output) becomes an extra graph output
 * {@code <task>_features} {@code [batch, C, h, w]}, and {@code dmtl.explain} declares it with the
 * Gemm's weight initializer. Nothing already in the graph changes: the logits are computed by the
 * same nodes from the same initializers, so they stay bit-identical.
 *
 * <p>It works on the graph, not on the DJL network, so the same code serves a fresh export and the
 * re-export of an existing model file with its weights untouched (no BatchNorm re-calibration as
 * {@link OnnxImport} would need).
 *
 * <p>In a flip-averaged graph the pooled batch is {@code 2N} (the crops, then their mirror images)
 * and the logits are the mean of the two halves' Gemm outputs. The declared map is then {@code
 * (A(x) + mirror(A(mirror x))) / 2}: its spatial mean is exactly the mean of the two pooled
 * features, so {@code W · mean(map) + b} is still exactly the logit, and the mirrored half's cells
 * are put back where they came from in the unmirrored crop.
 */
public final class CamOutputs {

  /** The suffix of each task's feature-map output. */
  public static final String SUFFIX = "_features";

  private CamOutputs() {}

  /**
   * Adds the feature-map outputs and {@code dmtl.explain} to the model file {@code bytes} (the
   * re-export of an existing dmtl model), and validates the result against the contract.
   *
   * @param source the file's name, for messages
   * @return the new model file's bytes
   * @throws ContractViolationException when the input or the result breaks the contract
   * @throws IllegalArgumentException when a task's head is not dmtl's GAP → Flatten → Gemm
   */
  public static byte[] addToFile(String source, byte[] bytes) throws ContractViolationException {
    ModelFile file = ModelContractReader.read(source, bytes);
    OnnxMl.ModelProto model;
    try {
      model = OnnxMl.ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ContractViolationException(source, "not an ONNX model: " + e.getMessage(), e);
    }
    byte[] out = add(model, file.contract()).toByteArray();
    ModelContractReader.read(source + " with CAM outputs", out);
    return out;
  }

  /**
   * Adds the feature-map outputs and {@code dmtl.explain} to a model written by {@link
   * OnnxExporter}.
   *
   * @param model a contract model whose heads are GlobalAveragePool → Flatten → Gemm ({@code
   *     transB=1}), optionally → Reshape → ReduceMean (flip averaging)
   * @param contract its contract, as read from it
   * @return the model with the outputs and the metadata entry added
   * @throws IllegalArgumentException when a task's head does not have that shape
   */
  public static OnnxMl.ModelProto add(OnnxMl.ModelProto model, ModelContract contract) {
    OnnxMl.ModelProto.Builder b = model.toBuilder();
    OnnxMl.GraphProto.Builder g = b.getGraphBuilder();
    Map<String, OnnxMl.NodeProto> producer = new HashMap<>();
    for (OnnxMl.NodeProto node : g.getNodeList()) {
      for (String out : node.getOutputList()) {
        producer.put(out, node);
      }
    }
    Set<String> initializers = new HashSet<>();
    g.getInitializerList().forEach(t -> initializers.add(t.getName()));
    Set<String> outputs = new HashSet<>();
    g.getOutputList().forEach(o -> outputs.add(o.getName()));
    Map<String, long[]> spatial = spatialSizes(g);
    Map<String, ExplainHead> explain = new LinkedHashMap<>();
    for (TaskSpec task : contract.tasks()) {
      String where = "task '" + task.name() + "': ";
      OnnxMl.NodeProto last = require(producer, task.output(), where);
      boolean flip = last.getOpType().equals("ReduceMean");
      OnnxMl.NodeProto gemm =
          flip
              ? require(producer, require(producer, last.getInput(0), where).getInput(0), where)
              : last;
      expect(gemm, "Gemm", where);
      boolean transB =
          gemm.getAttributeList().stream()
              .anyMatch(a -> a.getName().equals("transB") && a.getI() == 1);
      if (!transB || !initializers.contains(gemm.getInput(1))) {
        throw new IllegalArgumentException(
            where + "the head Gemm needs transB=1 and an initializer weight");
      }
      OnnxMl.NodeProto flatten =
          expect(require(producer, gemm.getInput(0), where), "Flatten", where);
      OnnxMl.NodeProto gap =
          expect(require(producer, flatten.getInput(0), where), "GlobalAveragePool", where);
      String features = gap.getInput(0);
      long[] hw = spatial.get(features);
      if (hw == null) {
        throw new IllegalArgumentException(where + "cannot tell the size of '" + features + "'");
      }
      long channels = weightColumns(g, gemm.getInput(1));
      String name = task.name() + SUFFIX;
      if (outputs.contains(name) || producer.containsKey(name)) {
        throw new IllegalArgumentException(where + "the graph already has a tensor '" + name + "'");
      }
      if (flip) {
        String prefix = task.name() + "_cam_";
        OnnxMl.NodeProto.Builder split =
            OnnxMl.NodeProto.newBuilder()
                .setOpType("Split")
                .setName(prefix + "split")
                .addInput(features)
                .addOutput(prefix + "plain")
                .addOutput(prefix + "mirrored")
                .addAttribute(OnnxGraph.intAttr("axis", 0));
        g.addNode(split);
        g.addInitializer(int64(prefix + "starts", -1));
        g.addInitializer(int64(prefix + "ends", Long.MIN_VALUE));
        g.addInitializer(int64(prefix + "axes", 3));
        g.addInitializer(int64(prefix + "steps", -1));
        g.addInitializer(scalar(prefix + "half", 0.5f));
        node(
            g,
            "Slice",
            prefix + "unmirror",
            List.of(
                prefix + "mirrored",
                prefix + "starts",
                prefix + "ends",
                prefix + "axes",
                prefix + "steps"),
            prefix + "back");
        node(g, "Add", prefix + "add", List.of(prefix + "plain", prefix + "back"), prefix + "sum");
        node(g, "Mul", prefix + "mean", List.of(prefix + "sum", prefix + "half"), name);
      } else {
        node(g, "Identity", task.name() + "_cam_identity", List.of(features), name);
      }
      g.addOutput(TensorDeclaration.floats(name, "batch", channels, hw[0], hw[1]));
      explain.put(task.name(), new ExplainHead(name, gemm.getInput(1)));
    }
    String value =
        ContractMetadata.toMetadata(contract.withExplain(explain))
            .get(ContractMetadata.KEY_EXPLAIN);
    for (int i = b.getMetadataPropsCount() - 1; i >= 0; i--) {
      if (b.getMetadataProps(i).getKey().equals(ContractMetadata.KEY_EXPLAIN)) {
        b.removeMetadataProps(i);
      }
    }
    b.addMetadataProps(
        OnnxMl.StringStringEntryProto.newBuilder()
            .setKey(ContractMetadata.KEY_EXPLAIN)
            .setValue(value));
    return b.build();
  }

  /**
   * Height and width of every 4-D tensor reachable from the image input, for the operators dmtl's
   * exporter writes: Conv changes them, GlobalAveragePool makes them 1 × 1, every other operator
   * keeps those of its first input (the SE gate's Mul, Sigmoid, Add, Slice and Concat on other
   * axes).
   */
  private static Map<String, long[]> spatialSizes(OnnxMl.GraphProto.Builder g) {
    Map<String, long[]> size = new HashMap<>();
    OnnxMl.ValueInfoProto input = g.getInput(0);
    List<OnnxMl.TensorShapeProto.Dimension> dims =
        input.getType().getTensorType().getShape().getDimList();
    size.put(input.getName(), new long[] {dims.get(2).getDimValue(), dims.get(3).getDimValue()});
    for (OnnxMl.NodeProto node : g.getNodeList()) {
      if (node.getInputCount() == 0 || !size.containsKey(node.getInput(0))) {
        continue;
      }
      long[] in = size.get(node.getInput(0));
      long[] out =
          switch (node.getOpType()) {
            case "Conv" -> convOutput(node, in);
            case "GlobalAveragePool" -> new long[] {1, 1};
            case "Flatten", "Gemm", "Reshape", "ReduceMean" -> null;
            default -> in;
          };
      if (out != null) {
        for (String o : node.getOutputList()) {
          size.put(o, out);
        }
      }
    }
    return size;
  }

  private static long[] convOutput(OnnxMl.NodeProto conv, long[] in) {
    long[] kernel = ints(conv, "kernel_shape", null);
    long[] strides = ints(conv, "strides", new long[] {1, 1});
    long[] pads = ints(conv, "pads", new long[] {0, 0, 0, 0});
    long[] dilations = ints(conv, "dilations", new long[] {1, 1});
    if (kernel == null) {
      throw new IllegalArgumentException("Conv " + conv.getName() + " has no kernel_shape");
    }
    long[] out = new long[2];
    for (int d = 0; d < 2; d++) {
      long effective = dilations[d] * (kernel[d] - 1) + 1;
      out[d] = (in[d] + pads[d] + pads[d + 2] - effective) / strides[d] + 1;
    }
    return out;
  }

  private static long[] ints(OnnxMl.NodeProto node, String name, long[] fallback) {
    return node.getAttributeList().stream()
        .filter(a -> a.getName().equals(name))
        .findFirst()
        .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
        .orElse(fallback);
  }

  private static long weightColumns(OnnxMl.GraphProto.Builder g, String weight) {
    return g.getInitializerList().stream()
        .filter(t -> t.getName().equals(weight))
        .findFirst()
        .map(t -> t.getDims(1))
        .orElseThrow();
  }

  private static OnnxMl.NodeProto require(
      Map<String, OnnxMl.NodeProto> producer, String tensor, String where) {
    OnnxMl.NodeProto node = producer.get(tensor);
    if (node == null) {
      throw new IllegalArgumentException(where + "no node computes '" + tensor + "'");
    }
    return node;
  }

  private static OnnxMl.NodeProto expect(OnnxMl.NodeProto node, String op, String where) {
    if (!node.getOpType().equals(op)) {
      throw new IllegalArgumentException(
          where
              + "expected the head to be GlobalAveragePool, Flatten, Gemm; found "
              + node.getOpType()
              + " where "
              + op
              + " belongs");
    }
    return node;
  }

  private static void node(
      OnnxMl.GraphProto.Builder g, String op, String name, List<String> inputs, String output) {
    g.addNode(
        OnnxMl.NodeProto.newBuilder()
            .setOpType(op)
            .setName(name)
            .addAllInput(inputs)
            .addOutput(output));
  }

  private static OnnxMl.TensorProto int64(String name, long value) {
    return OnnxMl.TensorProto.newBuilder()
        .setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber())
        .addDims(1)
        .addInt64Data(value)
        .build();
  }

  private static OnnxMl.TensorProto scalar(String name, float value) {
    ByteBuffer buf = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.putFloat(value);
    return OnnxMl.TensorProto.newBuilder()
        .setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .setRawData(ByteString.copyFrom(buf.array()))
        .build();
  }
}
