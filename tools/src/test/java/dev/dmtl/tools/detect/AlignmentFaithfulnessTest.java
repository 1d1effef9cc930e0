package dev.dmtl.tools.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.onnx.TensorDeclaration;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faithfulness tool on a tiny contract-conforming model built here: mean colour
 * (GlobalAveragePool) -> one Gemm per task, 32x32 input.
 */
class AlignmentFaithfulnessTest {

  private static YuNetDetector detector;
  private static List<Path> crops;

  @BeforeAll
  static void open() throws Exception {
    detector = YuNetDetector.openBundled(DetectorOptions.defaults());
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      crops = files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(5).toList();
    }
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  private static OnnxMl.TensorProto floats(String name, long[] dims, float... values) {
    OnnxMl.TensorProto.Builder t =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    return t.build();
  }

  private static OnnxMl.NodeProto gemm(String w, String b, String out) {
    return OnnxMl.NodeProto.newBuilder()
        .setOpType("Gemm")
        .addInput("flat")
        .addInput(w)
        .addInput(b)
        .addOutput(out)
        .addAttribute(
            OnnxMl.AttributeProto.newBuilder()
                .setName("transB")
                .setI(1)
                .setType(OnnxMl.AttributeProto.AttributeType.INT))
        .build();
  }

  /**
   * Writes the tiny model: age thresholds and gender logits are affine in the mean R, G, B (0..1).
   */
  private static Path model(Path dir, float[] ageW, float[] ageB, float[] genderW, float[] genderB)
      throws Exception {
    FaceTemplate template =
        ContractMetadata.parseFaceTemplate(
            Files.readString(
                TestData.root().getParent().resolve("docs/face-template-utkface.json")));
    ModelContract contract =
        new ModelContract(
            new InputSpec("image", 32, 32, 255.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)),
            List.of(
                TaskSpec.ordinal("age", "age_logits", List.of(10, 30, 50)),
                TaskSpec.nominal("gender", "gender_logits", List.of("male", "female"))),
            template,
            Map.of(),
            null);
    OnnxMl.GraphProto graph =
        OnnxMl.GraphProto.newBuilder()
            .setName("tiny")
            .addInput(TensorDeclaration.floats("image", "batch", 3, 32, 32))
            .addInitializer(floats("age_w", new long[] {2, 3}, ageW))
            .addInitializer(floats("age_b", new long[] {2}, ageB))
            .addInitializer(floats("gender_w", new long[] {2, 3}, genderW))
            .addInitializer(floats("gender_b", new long[] {2}, genderB))
            .addNode(
                OnnxMl.NodeProto.newBuilder()
                    .setOpType("GlobalAveragePool")
                    .addInput("image")
                    .addOutput("pooled"))
            .addNode(
                OnnxMl.NodeProto.newBuilder()
                    .setOpType("Flatten")
                    .addInput("pooled")
                    .addOutput("flat")
                    .addAttribute(
                        OnnxMl.AttributeProto.newBuilder()
                            .setName("axis")
                            .setI(1)
                            .setType(OnnxMl.AttributeProto.AttributeType.INT)))
            .addNode(gemm("age_w", "age_b", "age_logits"))
            .addNode(gemm("gender_w", "gender_b", "gender_logits"))
            .addOutput(TensorDeclaration.floats("age_logits", "batch", 2))
            .addOutput(TensorDeclaration.floats("gender_logits", "batch", 2))
            .build();
    OnnxMl.ModelProto.Builder model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("test")
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .setGraph(graph);
    ContractMetadata.toMetadata(contract)
        .forEach(
            (k, v) ->
                model.addMetadataProps(
                    OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    Path file = dir.resolve("tiny.onnx");
    Files.write(file, model.build().toByteArray());
    return file;
  }

  @Test
  void aModelThatIgnoresTheImageAgreesPerfectly(@TempDir Path dir) throws Exception {
    Path model =
        model(dir, new float[6], new float[] {1, -1}, new float[6], new float[] {0.5f, -0.5f});
    AlignmentFaithfulness.Result r = AlignmentFaithfulness.measure(model, crops, detector);
    assertEquals(5, r.crops());
    assertEquals(0, r.noFace());
    AlignmentFaithfulness.TaskComparison age = r.tasks().get(0);
    assertEquals(TaskKind.ORDINAL, age.kind());
    assertEquals(0.0, age.meanAbsExpectedDiff(), 1e-9);
    assertEquals(0.0, age.meanAbsRankDiff(), 1e-9);
    assertEquals(1.0, r.tasks().get(1).agreement());
  }

  @Test
  void aModelThatSeesTheImageMeasuresTheDifferenceBetweenModes(@TempDir Path dir) throws Exception {
    // age thresholds move with mean red and green; detect-mode crops differ slightly from the
    // dataset crops (black corners, small shifts), so the expected age must differ, but by far less
    // than the rank range of 40
    Path model =
        model(
            dir,
            new float[] {20, 0, 0, 0, 20, 0},
            new float[] {-8, -8},
            new float[] {10, -10, 0, -10, 10, 0},
            new float[] {0, 0});
    AlignmentFaithfulness.Result r = AlignmentFaithfulness.measure(model, crops, detector);
    double diff = r.tasks().get(0).meanAbsExpectedDiff();
    assertTrue(diff > 0 && diff < 10, "mean |expected age difference| " + diff);
    double agreement = r.tasks().get(1).agreement();
    assertTrue(agreement >= 0 && agreement <= 1);
  }
}
