package dev.dmtl.training.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.onnx.proto.OnnxMl;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.onnx.TensorDeclaration;
import dev.dmtl.training.net.ConvBnAct;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.net.MbConvBlock;
import dev.dmtl.training.net.TaskBranch;
import dev.dmtl.training.net.TaskHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained {@link DmtlNetwork} as an ONNX model meeting the DMTL contract. BatchNorm is
 * folded into the preceding convolution ({@code W' = W·γ/√(σ²+ε)}, {@code b' = β − μ·γ/√(σ²+ε)}),
 * SiLU is Sigmoid then Mul (opset 17 has no SiLU), dropout disappears (inference), the linear heads
 * are Gemm with {@code transB=1} because DJL stores Linear weights as (out, in).
 *
 * <p>With {@code flipAverage} the graph also runs the horizontally mirrored batch and averages the
 * two logits (test-time augmentation inside the model, so every consumer gets it).
 */
public final class OnnxExporter {

  /** Opset of the default domain: 17 is the newest whose ReduceMean takes axes as an attribute. */
  public static final int OPSET = 17;

  public static final long IR_VERSION = 8;
  public static final String PRODUCER = "dmtl-training";

  private OnnxExporter() {}

  /**
   * Exports with each task's feature maps as extra outputs declared in {@code dmtl.explain}, so the
   * model has exact class activation maps ({@link CamOutputs}); see {@link #export(DmtlNetwork,
   * ModelContract, boolean, String, boolean)}.
   */
  public static byte[] export(
      DmtlNetwork net, ModelContract contract, boolean flipAverage, String producerVersion) {
    return export(net, contract, flipAverage, producerVersion, true);
  }

  /**
   * @param net a network whose weights are loaded
   * @param contract the contract to declare; its tasks must match the network's heads
   * @param flipAverage add test-time horizontal-flip averaging to the graph
   * @param producerVersion tool version written as the ONNX producer version
   * @param camOutputs add each task's feature maps as outputs and declare them ({@link
   *     CamOutputs}); without, only occlusion sensitivity can explain the model
   * @return the serialised model
   */
  public static byte[] export(
      DmtlNetwork net,
      ModelContract contract,
      boolean flipAverage,
      String producerVersion,
      boolean camOutputs) {
    TaskHeads heads = net.heads();
    if (heads.tasks().size() != contract.tasks().size()) {
      throw new IllegalArgumentException(
          "network has "
              + heads.tasks().size()
              + " heads, contract declares "
              + contract.tasks().size()
              + " tasks");
    }
    for (TaskHeads.Head head : heads.tasks()) {
      if (head.softmaxAge()) {
        throw new IllegalArgumentException(
            "a softmax-age ablation network is not an ordinal DMTL model and cannot be exported");
      }
      TaskSpec spec =
          contract
              .task(head.name())
              .orElseThrow(
                  () -> new IllegalArgumentException("contract lacks task " + head.name()));
      if (spec.outputWidth() != head.outputs()) {
        throw new IllegalArgumentException(
            "task "
                + head.name()
                + ": network has "
                + head.outputs()
                + " outputs, contract expects "
                + spec.outputWidth());
      }
    }
    int size = net.config().inputSize();
    if (contract.input().height() != size || contract.input().width() != size) {
      throw new IllegalArgumentException(
          "network input is "
              + size
              + " px, contract says "
              + contract.input().width()
              + "x"
              + contract.input().height());
    }
    OnnxGraph g = new OnnxGraph("dmtl");
    String input = contract.input().name();
    g.proto().addInput(TensorDeclaration.floats(input, "batch", 3, size, size));
    String x = input;
    if (flipAverage) {
      // Mirror along W with a negative-step Slice, run both halves as one batch of 2N.
      String flipped =
          g.node(
              "Slice",
              List.of(
                  input,
                  g.int64Initializer("starts", -1),
                  g.int64Initializer("ends", Long.MIN_VALUE),
                  g.int64Initializer("axes", 3),
                  g.int64Initializer("steps", -1)),
              List.of());
      x = g.node("Concat", List.of(input, flipped), List.of(OnnxGraph.intAttr("axis", 0)));
    }
    x = convBnAct(g, net.stem(), x);
    for (MbConvBlock block : net.trunk()) {
      x = mbConv(g, block, x);
    }
    for (int t = 0; t < heads.tasks().size(); t++) {
      TaskHeads.Head head = heads.tasks().get(t);
      TaskBranch branch = net.branches().get(t);
      String y = x;
      for (MbConvBlock block : branch.blocks()) {
        y = mbConv(g, block, y);
      }
      y = convBnAct(g, branch.head(), y);
      y = g.node("GlobalAveragePool", List.of(y), List.of());
      y = g.node("Flatten", List.of(y), List.of(OnnxGraph.intAttr("axis", 1)));
      Linear linear = branch.linear();
      float[] w = array(linear, "weight").toFloatArray();
      float[] b = array(linear, "bias").toFloatArray();
      long outputs = b.length;
      String output = contract.task(head.name()).orElseThrow().output();
      String wName =
          g.initializer(head.name() + "_fc_w", new long[] {outputs, w.length / outputs}, w);
      String bName = g.initializer(head.name() + "_fc_b", new long[] {outputs}, b);
      List<OnnxMl.AttributeProto> gemm = List.of(OnnxGraph.intAttr("transB", 1));
      if (flipAverage) {
        String both = g.node("Gemm", List.of(y, wName, bName), gemm);
        String pairs =
            g.node(
                "Reshape", List.of(both, g.int64Initializer("shape", 2, -1, outputs)), List.of());
        g.node(
            "ReduceMean",
            List.of(pairs),
            List.of(OnnxGraph.ints("axes", 0), OnnxGraph.intAttr("keepdims", 0)),
            output);
      } else {
        g.node("Gemm", List.of(y, wName, bName), gemm, output);
      }
      g.proto().addOutput(TensorDeclaration.floats(output, "batch", outputs));
    }
    OnnxMl.ModelProto.Builder model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName(PRODUCER)
            .setProducerVersion(producerVersion)
            .setDocString(
                "DMTL face-attribute model (Yuan et al. 2024): ordinal age, nominal gender and race")
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(g.proto());
    for (Map.Entry<String, String> e : ContractMetadata.toMetadata(contract).entrySet()) {
      model.addMetadataProps(
          OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    }
    OnnxMl.ModelProto built = model.build();
    return (camOutputs ? CamOutputs.add(built, contract) : built).toByteArray();
  }

  private static String convBnAct(OnnxGraph g, ConvBnAct block, String x) {
    String y =
        foldedConv(g, "conv", block.conv(), block.bn(), x, block.kernel(), block.stride(), 1);
    return g.silu(y);
  }

  private static String mbConv(OnnxGraph g, MbConvBlock block, String input) {
    String x = input;
    if (block.hasExpansion()) {
      x = g.silu(foldedConv(g, "expand", block.expand(), block.expandBn(), x, 1, 1, 1));
    }
    x =
        g.silu(
            foldedConv(
                g,
                "dw",
                block.depthwise(),
                block.depthwiseBn(),
                x,
                block.kernel(),
                block.stride(),
                block.expanded()));
    String pooled = g.node("GlobalAveragePool", List.of(x), List.of());
    String s = g.silu(plainConv(g, "se_reduce", block.seReduce(), pooled));
    s = g.node("Sigmoid", List.of(plainConv(g, "se_expand", block.seExpand(), s)), List.of());
    x = g.node("Mul", List.of(x, s), List.of());
    x = foldedConv(g, "project", block.project(), block.projectBn(), x, 1, 1, 1);
    if (block.hasResidual()) {
      x = g.node("Add", List.of(x, input), List.of());
    }
    return x;
  }

  /** A convolution with bias, as trained (the SE 1×1 convolutions). */
  private static String plainConv(OnnxGraph g, String name, Conv2d conv, String x) {
    NDArray w = array(conv, "weight");
    String wName = g.initializer(name + "_w", w.getShape().getShape(), w.toFloatArray());
    float[] b = array(conv, "bias").toFloatArray();
    String bName = g.initializer(name + "_b", new long[] {b.length}, b);
    return g.conv(x, wName, bName, (int) w.getShape().get(2), 1, 1);
  }

  /** A bias-free convolution followed by BatchNorm, folded into one convolution with bias. */
  private static String foldedConv(
      OnnxGraph g,
      String name,
      Conv2d conv,
      BatchNorm bn,
      String x,
      int kernel,
      int stride,
      int groups) {
    NDArray weight = array(conv, "weight");
    long[] dims = weight.getShape().getShape();
    float[] w = weight.toFloatArray();
    float[] gamma = array(bn, "gamma").toFloatArray();
    float[] beta = array(bn, "beta").toFloatArray();
    float[] mean = array(bn, "runningMean").toFloatArray();
    float[] var = array(bn, "runningVar").toFloatArray();
    // every BatchNorm of the network is built by Layers with this epsilon; the parity test checks
    // it
    float eps = DmtlNetwork.BN_EPSILON;
    int out = (int) dims[0];
    int per = w.length / out;
    float[] folded = new float[w.length];
    float[] bias = new float[out];
    for (int o = 0; o < out; o++) {
      double scale = gamma[o] / Math.sqrt(var[o] + (double) eps);
      for (int i = 0; i < per; i++) {
        folded[o * per + i] = (float) (w[o * per + i] * scale);
      }
      bias[o] = (float) (beta[o] - mean[o] * scale);
    }
    String wName = g.initializer(name + "_w", dims, folded);
    String bName = g.initializer(name + "_b", new long[] {out}, bias);
    return g.conv(x, wName, bName, kernel, stride, groups);
  }

  private static NDArray array(ai.djl.nn.Block block, String name) {
    Parameter p = block.getParameters().get(name);
    if (p == null) {
      List<String> names = new ArrayList<>(block.getParameters().keys());
      throw new IllegalStateException("block has no parameter '" + name + "' (has " + names + ")");
    }
    return p.getArray();
  }
}
