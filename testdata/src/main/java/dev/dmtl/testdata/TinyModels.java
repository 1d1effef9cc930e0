package dev.dmtl.testdata;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.onnx.TensorDeclaration;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Writes small, contract-valid DMTL ONNX models with seeded random weights (and deliberately broken
 * variants) for tests. They run in ONNX Runtime in microseconds; their predictions are meaningless
 * but deterministic, and {@link TinyModel#referenceLogits} recomputes them without ONNX Runtime.
 */
public final class TinyModels {

  /** Default input side in pixels. */
  public static final int DEFAULT_SIZE = 64;

  /** Default conv output channels. */
  public static final int DEFAULT_CHANNELS = 8;

  /** Opset the graph imports; Conv, Relu, GlobalAveragePool, Flatten, Gemm are all in it. */
  public static final int OPSET = 17;

  /** What is wrong with a generated model; {@link #NONE} for a valid one. */
  public enum Defect {
    NONE,
    /** No {@code dmtl.*} metadata at all (a plain exported network). */
    MISSING_METADATA,
    /** {@code dmtl.contract} is {@code "3"}, a version this tool does not read. */
    WRONG_CONTRACT_VERSION,
    /** The age head has 114 logits while 116 ranks are declared (K−1 = 115). */
    WRONG_OUTPUT_WIDTH,
    /** Input and outputs have a fixed batch dimension of 1. */
    FIXED_BATCH,
    /** The graph input is declared float64. */
    WRONG_DTYPE,
    /** The graph's age output is named differently from what {@code dmtl.tasks} says. */
    MISSING_OUTPUT,
    /** {@code dmtl.input} declares 96×96 while the graph takes the real size. */
    WRONG_INPUT_SIZE,
    /** The graph has a second, non-initializer input. */
    TWO_INPUTS
  }

  private TinyModels() {}

  /** The default DMTL contract: age ordinal 1..116, gender (2), race (5), with a face template. */
  public static ModelContract dmtlContract(int size) {
    InputSpec input =
        new InputSpec(
            "image", size, size, 255.0, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25));
    List<TaskSpec> tasks =
        List.of(
            TaskSpec.ordinal("age", "age_logits", IntStream.rangeClosed(1, 116).boxed().toList()),
            TaskSpec.nominal("gender", "gender_logits", List.of("male", "female")),
            TaskSpec.nominal(
                "race", "race_logits", List.of("white", "black", "asian", "indian", "others")));
    // The usual 112 px five-point template (eyes, nose tip, mouth corners), scaled to the input
    // size.
    double s = size / 112.0;
    FaceTemplate template =
        new FaceTemplate(
            size,
            size,
            List.of(
                new FaceTemplate.Point(38.2946 * s, 51.6963 * s),
                new FaceTemplate.Point(73.5318 * s, 51.5014 * s),
                new FaceTemplate.Point(56.0252 * s, 71.7366 * s),
                new FaceTemplate.Point(41.5493 * s, 92.3655 * s),
                new FaceTemplate.Point(70.7299 * s, 92.2041 * s)));
    Map<String, Double> logVariance = new LinkedHashMap<>();
    logVariance.put("age", 0.5);
    logVariance.put("gender", -0.3);
    logVariance.put("race", 0.1);
    return new ModelContract(
        input,
        tasks,
        template,
        logVariance,
        DmtlJson.tree(Map.of("producer", "dev.dmtl.testdata.TinyModels")));
  }

  /** A valid 64×64 DMTL model with weights from {@code seed}. */
  public static TinyModel dmtl(long seed) {
    return build(dmtlContract(DEFAULT_SIZE), seed, Defect.NONE);
  }

  /** A 64×64 DMTL model with the given defect. */
  public static TinyModel broken(Defect defect) {
    return build(dmtlContract(DEFAULT_SIZE), 1, defect);
  }

  /**
   * Builds a model for any contract (any tasks, any input size).
   *
   * @param contract what the model declares; the graph follows it except where {@code defect} says
   * @param seed weight seed
   * @param defect what to break
   */
  public static TinyModel build(ModelContract contract, long seed, Defect defect) {
    Random random = new Random(seed);
    int c = DEFAULT_CHANNELS;
    InputSpec in = contract.input();
    float[] convWeight = gaussian(random, c * 3 * 3 * 3, 0.3);
    float[] convBias = gaussian(random, c, 0.1);
    Map<String, float[]> headWeight = new LinkedHashMap<>();
    Map<String, float[]> headBias = new LinkedHashMap<>();

    OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("tiny_dmtl");
    Object batch = defect == Defect.FIXED_BATCH ? (Object) 1L : "batch";
    OnnxMl.TensorProto.DataType inputType =
        defect == Defect.WRONG_DTYPE
            ? OnnxMl.TensorProto.DataType.DOUBLE
            : OnnxMl.TensorProto.DataType.FLOAT;
    graph.addInput(
        TensorDeclaration.of(
            in.name(), inputType, batch, 3L, (long) in.height(), (long) in.width()));
    if (defect == Defect.TWO_INPUTS) {
      graph.addInput(TensorDeclaration.floats("mask", batch, 1L));
    }
    graph.addInitializer(tensor("conv_w", convWeight, c, 3, 3, 3));
    graph.addInitializer(tensor("conv_b", convBias, c));
    graph.addNode(
        node(
            "Conv",
            List.of(in.name(), "conv_w", "conv_b"),
            "conv",
            ints("kernel_shape", 3, 3),
            ints("pads", 1, 1, 1, 1),
            ints("strides", 2, 2)));
    graph.addNode(node("Relu", List.of("conv"), "relu"));
    graph.addNode(node("GlobalAveragePool", List.of("relu"), "pooled"));
    graph.addNode(node("Flatten", List.of("pooled"), "features", intAttr("axis", 1)));
    for (TaskSpec task : contract.tasks()) {
      int width = task.outputWidth();
      if (defect == Defect.WRONG_OUTPUT_WIDTH && task.kind() == TaskKind.ORDINAL) {
        width -= 1;
      }
      float[] w = gaussian(random, width * c, 1.0);
      float[] b = new float[width];
      for (int k = 0; k < width; k++) {
        // Ordinal thresholds get decreasing biases (P(rank > r_k) falls with k), so predictions
        // spread over the ranks instead of all sitting at one end.
        b[k] =
            task.kind() == TaskKind.ORDINAL
                ? (float) (3.0 - 6.0 * k / Math.max(1, width - 1))
                : (float) (random.nextGaussian() * 0.2);
      }
      headWeight.put(task.name(), w);
      headBias.put(task.name(), b);
      String output =
          defect == Defect.MISSING_OUTPUT && task.kind() == TaskKind.ORDINAL
              ? task.output() + "_renamed"
              : task.output();
      graph.addInitializer(tensor(task.name() + "_w", w, width, c));
      graph.addInitializer(tensor(task.name() + "_b", b, width));
      graph.addNode(
          node(
              "Gemm",
              List.of("features", task.name() + "_w", task.name() + "_b"),
              output,
              intAttr("transB", 1)));
      graph.addOutput(TensorDeclaration.floats(output, batch, (long) width));
    }

    OnnxMl.ModelProto.Builder model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("dmtl-testdata")
            .setProducerVersion("tiny")
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(graph);
    if (defect != Defect.MISSING_METADATA) {
      ModelContract declared = contract;
      if (defect == Defect.WRONG_INPUT_SIZE) {
        InputSpec wrong =
            new InputSpec(
                in.name(), in.height() + 32, in.width() + 32, in.scale(), in.mean(), in.std());
        declared =
            new ModelContract(
                wrong,
                contract.tasks(),
                contract.faceTemplate(),
                contract.logVariance(),
                contract.provenance());
      }
      for (Map.Entry<String, String> e : ContractMetadata.toMetadata(declared).entrySet()) {
        String value =
            defect == Defect.WRONG_CONTRACT_VERSION
                    && e.getKey().equals(ContractMetadata.KEY_CONTRACT)
                ? "\"3\""
                : e.getValue();
        model.addMetadataProps(
            OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(value));
      }
    }
    return new TinyModel(
        model.build().toByteArray(), contract, c, convWeight, convBias, headWeight, headBias);
  }

  static float[] gaussian(Random random, int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (random.nextGaussian() * std);
    }
    return out;
  }

  static OnnxMl.TensorProto tensor(String name, float[] values, long... dims) {
    ByteBuffer raw =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    raw.flip();
    OnnxMl.TensorProto.Builder t =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .setRawData(ByteString.copyFrom(raw));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  static OnnxMl.NodeProto node(
      String op, List<String> inputs, String output, OnnxMl.AttributeProto... attrs) {
    OnnxMl.NodeProto.Builder n =
        OnnxMl.NodeProto.newBuilder()
            .setOpType(op)
            .setName(output + "_" + op.toLowerCase(java.util.Locale.ROOT))
            .addAllInput(inputs)
            .addOutput(output);
    for (OnnxMl.AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    return n.build();
  }

  static OnnxMl.AttributeProto ints(String name, long... values) {
    List<Long> list = new ArrayList<>();
    for (long v : values) {
      list.add(v);
    }
    return OnnxMl.AttributeProto.newBuilder()
        .setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.INTS)
        .addAllInts(list)
        .build();
  }

  static OnnxMl.AttributeProto intAttr(String name, long value) {
    return OnnxMl.AttributeProto.newBuilder()
        .setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }
}
