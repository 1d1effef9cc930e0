package dev.dmtl.inference.explain;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ExplainHead;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.TaskSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The model-randomisation sanity check's model (Adebayo et al. 2018): a copy of an explainable
 * model whose top layers are re-initialised, so that maps which still look like the trained model's
 * would be explaining the input, not the model. Works on the ONNX file's initializers, so it needs
 * no training code and keeps every other weight bit-identical.
 *
 * <p>A re-initialised tensor gets Gaussian values with mean 0 and the original tensor's standard
 * deviation (so activations keep their scale and the maps are not trivially flat), from a seeded
 * generator.
 */
public final class ModelRandomisation {

  /** Which layers are re-initialised. */
  public enum Scope {
    /** Each task's linear head and the convolution right before its pooling. */
    HEADS,
    /**
     * Every layer that belongs to one task only: its branch's blocks, head convolution and linear
     * head (what the paper calls category-specific feature learning); the shared trunk stays.
     */
    BRANCHES,
    /** Every convolution and linear layer, the shared trunk included: nothing learned is left. */
    ALL
  }

  private ModelRandomisation() {}

  /**
   * The re-initialised copy of {@code bytes}.
   *
   * @param source the file's name, for messages
   * @throws ContractViolationException when the model is not valid or declares no {@code
   *     dmtl.explain} (the heads are found through it)
   */
  public static byte[] randomise(String source, byte[] bytes, Scope scope, long seed)
      throws ContractViolationException {
    ModelContract contract = ModelContractReader.read(source, bytes).contract();
    if (contract.explain().isEmpty()) {
      throw new ContractViolationException(
          source, "declares no dmtl.explain; its heads cannot be found for randomisation");
    }
    OnnxMl.ModelProto model;
    try {
      model = OnnxMl.ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ContractViolationException(source, "not an ONNX model: " + e.getMessage(), e);
    }
    OnnxMl.GraphProto graph = model.getGraph();
    Map<String, OnnxMl.NodeProto> producer = new HashMap<>();
    for (OnnxMl.NodeProto n : graph.getNodeList()) {
      n.getOutputList().forEach(o -> producer.put(o, n));
    }
    Set<String> initializers = new HashSet<>();
    graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
    Set<String> targets = new LinkedHashSet<>();
    Map<String, Set<OnnxMl.NodeProto>> ancestors = new HashMap<>();
    for (TaskSpec task : contract.tasks()) {
      ancestors.put(task.name(), ancestors(producer, task.output()));
    }
    for (Map.Entry<String, ExplainHead> e : contract.explain().entrySet()) {
      OnnxMl.NodeProto gemm =
          graph.getNodeList().stream()
              .filter(
                  n -> n.getOpType().equals("Gemm") && n.getInput(1).equals(e.getValue().weight()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ContractViolationException(
                          source, "no Gemm reads the head weight of task '" + e.getKey() + "'"));
      if (scope == Scope.ALL) {
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
          if (n.getOpType().equals("Conv") || n.getOpType().equals("Gemm")) {
            parameters(n, initializers, targets);
          }
        }
      } else if (scope == Scope.HEADS) {
        parameters(gemm, initializers, targets);
        parameters(headConv(producer, gemm, source), initializers, targets);
      } else {
        Set<OnnxMl.NodeProto> own = new HashSet<>(ancestors.get(e.getKey()));
        ancestors.forEach(
            (task, nodes) -> {
              if (!task.equals(e.getKey())) {
                own.removeAll(nodes);
              }
            });
        for (OnnxMl.NodeProto n : own) {
          if (n.getOpType().equals("Conv") || n.getOpType().equals("Gemm")) {
            parameters(n, initializers, targets);
          }
        }
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    OnnxMl.ModelProto.Builder b = model.toBuilder();
    OnnxMl.GraphProto.Builder g = b.getGraphBuilder();
    for (int i = 0; i < g.getInitializerCount(); i++) {
      OnnxMl.TensorProto t = g.getInitializer(i);
      if (targets.contains(t.getName())) {
        g.setInitializer(i, reinitialised(t, random.split()));
      }
    }
    return b.build().toByteArray();
  }

  /** The Conv whose activated output the head pools: back from the pooling through non-Convs. */
  private static OnnxMl.NodeProto headConv(
      Map<String, OnnxMl.NodeProto> producer, OnnxMl.NodeProto gemm, String source)
      throws ContractViolationException {
    OnnxMl.NodeProto n = producer.get(gemm.getInput(0));
    while (n != null && !n.getOpType().equals("Conv")) {
      n = n.getInputCount() == 0 ? null : producer.get(n.getInput(0));
    }
    if (n == null) {
      throw new ContractViolationException(
          source, "no convolution before the head reading '" + gemm.getInput(1) + "'");
    }
    return n;
  }

  private static Set<OnnxMl.NodeProto> ancestors(
      Map<String, OnnxMl.NodeProto> producer, String tensor) {
    Set<OnnxMl.NodeProto> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(tensor));
    while (!todo.isEmpty()) {
      OnnxMl.NodeProto n = producer.get(todo.pop());
      if (n != null && seen.add(n)) {
        todo.addAll(n.getInputList());
      }
    }
    return seen;
  }

  /** The float initializers a node reads besides its data input (weights and biases). */
  private static void parameters(
      OnnxMl.NodeProto node, Set<String> initializers, Set<String> targets) {
    for (int i = 1; i < node.getInputCount(); i++) {
      if (initializers.contains(node.getInput(i))) {
        targets.add(node.getInput(i));
      }
    }
  }

  private static OnnxMl.TensorProto reinitialised(OnnxMl.TensorProto t, SplittableRandom random) {
    if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()
        || t.getRawData().isEmpty()) {
      throw new IllegalArgumentException(
          "initializer '" + t.getName() + "' is not raw float32; cannot re-initialise it");
    }
    FloatBuffer in =
        ByteBuffer.wrap(t.getRawData().toByteArray())
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer();
    float[] v = new float[in.remaining()];
    in.get(v);
    double sum = 0;
    double squares = 0;
    for (float x : v) {
      sum += x;
      squares += (double) x * x;
    }
    double mean = sum / v.length;
    double std = Math.sqrt(Math.max(0, squares / v.length - mean * mean));
    ByteBuffer out = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < v.length; i++) {
      out.putFloat((float) (gaussian(random) * std));
    }
    return t.toBuilder().setRawData(ByteString.copyFrom(out.array())).build();
  }

  /** A standard normal draw (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double w = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }
}
