package dev.dmtl.testdata;

import ai.onnx.proto.OnnxMl;
import dev.dmtl.contract.onnx.TensorDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Tiny ONNX models in the output layouts of real face-attribute models, with seeded random weights
 * and no {@code dmtl.*} metadata: the spec files under {@code testdata/specs} describe them, as a
 * user describes a model they bring (issue 24, docs/OWN_MODELS.md). Their predictions are
 * meaningless but deterministic; what they test is that each layout is read as its spec says.
 *
 * <p>Graph: {@code [Transpose NHWC→NCHW] → Conv(3→8, 3×3, stride 4, pad 1) → Relu →
 * GlobalAveragePool → Flatten → Gemm(→W)}, then the layout's own last step (Sigmoid, Softmax or
 * none).
 */
public final class ForeignModels {

  /** One model file and the spec that describes it. */
  public record ForeignModel(String name, byte[] bytes, Path spec) {

    /** Writes the ONNX file. */
    public Path writeTo(Path file) throws IOException {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, bytes);
      return file;
    }
  }

  private static final int CHANNELS = 8;

  private ForeignModels() {}

  /** The folder of the spec files ({@code testdata/specs}). */
  public static Path specs() {
    return TestData.root().resolve("specs");
  }

  /**
   * InsightFace {@code genderage} layout: input {@code data [N, 3, 96, 96]} fed BGR 0..255 as is;
   * one output {@code fc1 [N, 3]}: female and male scores, then age / 100. A Sigmoid keeps every
   * column in (0, 1), so the age column reads as 0..100 years.
   */
  public static ForeignModel insightFaceGenderAge(long seed) {
    byte[] bytes = build(seed, "data", false, 96, 1.0 / 255, 3, "fc1", "Sigmoid");
    return new ForeignModel(
        "insightface-genderage", bytes, specs().resolve("insightface-genderage.json"));
  }

  /**
   * FairFace (ResNet-34) layout: input {@code input [N, 3, 224, 224]}, ImageNet normalisation; one
   * output {@code output [N, 18]} of logits: race (7), gender (2), age (9 bins).
   */
  public static ForeignModel fairFace(long seed) {
    byte[] bytes = build(seed, "input", false, 224, 1.0, 18, "output", null);
    return new ForeignModel("fairface", bytes, specs().resolve("fairface.json"));
  }

  /**
   * DeepFace age layout (a Keras model: NHWC): input {@code input_1 [N, 224, 224, 3]} in 0..1; one
   * output {@code age_probs [N, 101]}, a softmax over the ages 0..100.
   */
  public static ForeignModel deepFaceAge(long seed) {
    byte[] bytes = build(seed, "input_1", true, 224, 1.0, 101, "age_probs", "Softmax");
    return new ForeignModel("deepface-age", bytes, specs().resolve("deepface-age.json"));
  }

  /** The three, for tests that run each. */
  public static List<ForeignModel> all(long seed) {
    return List.of(insightFaceGenderAge(seed), fairFace(seed), deepFaceAge(seed));
  }

  /**
   * @param inputScale multiplies the conv weights, so that a model fed 0..255 has features of the
   *     same size as one fed normalised values
   * @param last the op after the Gemm ({@code Sigmoid}, {@code Softmax}) or null
   */
  private static byte[] build(
      long seed,
      String input,
      boolean nhwc,
      int size,
      double inputScale,
      int width,
      String output,
      String last) {
    Random random = new Random(seed);
    int c = CHANNELS;
    OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("foreign");
    graph.addInput(
        nhwc
            ? TensorDeclaration.floats(input, "batch", (long) size, (long) size, 3L)
            : TensorDeclaration.floats(input, "batch", 3L, (long) size, (long) size));
    String convIn = input;
    if (nhwc) {
      graph.addNode(
          TinyModels.node(
              "Transpose", List.of(input), "nchw", TinyModels.ints("perm", 0, 3, 1, 2)));
      convIn = "nchw";
    }
    float[] convWeight = TinyModels.gaussian(random, c * 3 * 3 * 3, 0.3 * inputScale);
    float[] convBias = TinyModels.gaussian(random, c, 0.1);
    graph.addInitializer(TinyModels.tensor("conv_w", convWeight, c, 3, 3, 3));
    graph.addInitializer(TinyModels.tensor("conv_b", convBias, c));
    graph.addNode(
        TinyModels.node(
            "Conv",
            List.of(convIn, "conv_w", "conv_b"),
            "conv",
            TinyModels.ints("kernel_shape", 3, 3),
            TinyModels.ints("pads", 1, 1, 1, 1),
            TinyModels.ints("strides", 4, 4)));
    graph.addNode(TinyModels.node("Relu", List.of("conv"), "relu"));
    graph.addNode(TinyModels.node("GlobalAveragePool", List.of("relu"), "pooled"));
    graph.addNode(
        TinyModels.node("Flatten", List.of("pooled"), "features", TinyModels.intAttr("axis", 1)));
    graph.addInitializer(
        TinyModels.tensor("head_w", TinyModels.gaussian(random, width * c, 1.0), width, c));
    graph.addInitializer(
        TinyModels.tensor("head_b", TinyModels.gaussian(random, width, 0.2), width));
    String gemmOut = last == null ? output : "head";
    graph.addNode(
        TinyModels.node(
            "Gemm",
            List.of("features", "head_w", "head_b"),
            gemmOut,
            TinyModels.intAttr("transB", 1)));
    if (last != null) {
      graph.addNode(
          last.equals("Softmax")
              ? TinyModels.node(last, List.of(gemmOut), output, TinyModels.intAttr("axis", 1))
              : TinyModels.node(last, List.of(gemmOut), output));
    }
    graph.addOutput(TensorDeclaration.floats(output, "batch", (long) width));
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("dmtl-testdata")
        .setProducerVersion("foreign")
        .addOpsetImport(
            OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(TinyModels.OPSET))
        .setGraph(graph)
        .build()
        .toByteArray();
  }
}
