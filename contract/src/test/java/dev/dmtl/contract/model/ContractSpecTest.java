package dev.dmtl.contract.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl;
import dev.dmtl.contract.decode.NominalPrediction;
import dev.dmtl.contract.decode.OrdinalPrediction;
import dev.dmtl.contract.decode.OutputDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A spec ({@code dmtl contract --spec}, {@code --spec} at run time) describes a model that carries
 * no metadata; each validation rule has a bad spec, refused in one line naming the spec field.
 */
class ContractSpecTest {

  /** The InsightFace genderage layout of issue 24: one {@code [N, 3]} output, BGR 0..255. */
  static final String INSIGHTFACE =
      "{\"input\":{\"name\":\"data\",\"layout\":\"NCHW\",\"channels\":\"BGR\",\"height\":96,"
          + "\"width\":96,\"scale\":1.0,\"mean\":[0,0,0],\"std\":[1,1,1]},"
          + "\"tasks\":[{\"name\":\"gender\",\"kind\":\"nominal\",\"output\":\"fc1\","
          + "\"slice\":[0,2],\"activation\":\"logits\",\"labels\":[\"female\",\"male\"]},"
          + "{\"name\":\"age\",\"kind\":\"regression\",\"output\":\"fc1\",\"slice\":[2,3],"
          + "\"activation\":\"none\",\"scale\":100.0,\"offset\":0.0}]}";

  /** A graph with input {@code data [N,3,96,96]} and output {@code fc1 [N,3]}, no metadata. */
  static byte[] insightFaceGraph() {
    OnnxFixture f = new OnnxFixture();
    f.graph.addInput(
        OnnxFixture.tensor("data", OnnxMl.TensorProto.DataType.FLOAT, "batch", 3L, 96L, 96L));
    f.graph.addNode(
        OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("data").addOutput("x"));
    f.graph.addOutput(OnnxFixture.tensor("fc1", OnnxMl.TensorProto.DataType.FLOAT, "batch", 3L));
    return f.bytes();
  }

  private static ContractSpec spec(String json) throws ContractViolationException {
    return ContractSpec.parse("spec.json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static String refusal(String json) {
    ContractViolationException e =
        assertThrows(
            ContractViolationException.class,
            () -> ModelContractReader.read("m.onnx", insightFaceGraph(), spec(json)));
    return e.getMessage();
  }

  @Test
  void theInsightFaceSpecFitsItsGraphAndDecodes() throws Exception {
    ModelFile file = ModelContractReader.read("m.onnx", insightFaceGraph(), spec(INSIGHTFACE));
    assertEquals("2", file.contract().contractVersion());
    assertEquals("spec.json", file.spec().source());
    TaskSpec age = file.contract().task("age").orElseThrow();
    assertEquals(TaskKind.ORDINAL, age.kind());
    OrdinalPrediction p = OutputDecoder.decodeOrdinal(age, new float[] {0.347f});
    assertEquals(35, p.predictedRank());
    assertEquals(34.7, p.expectedRank(), 1e-4);
    TaskSpec gender = file.contract().task("gender").orElseThrow();
    NominalPrediction g = OutputDecoder.decodeNominal(gender, new float[] {0f, 2f});
    assertEquals("male", g.label());
  }

  @Test
  void describingACopyWritesMetadataThatReadsBackAsTheSpec() throws Exception {
    byte[] graph = insightFaceGraph();
    byte[] described = ContractWriter.describe("m.onnx", graph, spec(INSIGHTFACE));
    ModelFile file = ModelContractReader.read("d.onnx", described);
    assertEquals(spec(INSIGHTFACE).contract(), file.contract());
    assertNull(file.spec());
    // the graph itself is copied as it was
    assertArrayEquals(
        OnnxMl.ModelProto.parseFrom(graph).getGraph().toByteArray(),
        OnnxMl.ModelProto.parseFrom(described).getGraph().toByteArray());
  }

  @Test
  void aMissingInputIsNamed() {
    assertEquals(
        "spec.json: spec: input.name: the graph has no input 'image' (its input is 'data')"
            + " (model m.onnx)",
        refusal(INSIGHTFACE.replace("\"name\":\"data\"", "\"name\":\"image\"")));
  }

  @Test
  void aMissingOutputIsNamed() {
    assertEquals(
        "spec.json: spec: tasks[1].output: task 'age' reads output 'fc2', which the graph does"
            + " not have (outputs: [fc1]) (model m.onnx)",
        refusal(
            INSIGHTFACE.replace(
                "\"output\":\"fc1\",\"slice\":[2,3]", "\"output\":\"fc2\",\"slice\":[2,3]")));
  }

  @Test
  void aSliceOutOfBoundsIsNamed() {
    String bad = INSIGHTFACE.replace("\"slice\":[2,3]", "\"slice\":[3,4]");
    assertEquals(
        "spec.json: spec: tasks[1].slice: [3, 4) is out of bounds of output 'fc1' of regression"
            + " task 'age', which is 3 wide (model m.onnx)",
        refusal(bad));
  }

  @Test
  void aSliceWiderThanTheTaskIsNamed() {
    assertEquals(
        "spec.json: spec: tasks[0]: nominal task 'gender': slice [0, 3) is 3 wide but the task"
            + " needs 2 values (one per label, 2 labels)",
        refusal(INSIGHTFACE.replace("\"slice\":[0,2]", "\"slice\":[0,3]")));
  }

  @Test
  void aTaskCountThatDoesNotMatchTheOutputWidthIsNamed() {
    // no slices: gender's 2 labels against fc1's 3 columns
    String bad =
        INSIGHTFACE
            .replace(",\"slice\":[0,2]", "")
            .replace(
                ",{\"name\":\"age\",\"kind\":\"regression\",\"output\":\"fc1\",\"slice\":[2,3],"
                    + "\"activation\":\"none\",\"scale\":100.0,\"offset\":0.0}",
                "");
    assertEquals(
        "spec.json: spec: tasks[0]: output 'fc1' of nominal task 'gender' (one per label, 2"
            + " labels) is 3, the contract requires 2 (model m.onnx)",
        refusal(bad));
  }

  @Test
  void aRegressionWithoutScaleIsNamed() {
    assertEquals(
        "spec.json: spec: tasks[1]: regression task 'age': scale is missing or not a non-zero"
            + " number (prediction = value × scale + offset)",
        refusal(INSIGHTFACE.replace("\"scale\":100.0,", "")));
  }

  @Test
  void aLabelMapMissingAModelLabelIsNamed() {
    String bad =
        INSIGHTFACE.replace(
            "\"labels\":[\"female\",\"male\"]",
            "\"labels\":[\"Female\",\"Male\"],\"label_map\":{\"Female\":\"female\"}");
    assertEquals(
        "spec.json: spec: tasks[0]: nominal task 'gender': label_map lacks model label 'Male'"
            + " (every label must be mapped)",
        refusal(bad));
  }

  @Test
  void aLabelMapNamingAnUnknownGroundTruthLabelIsNamed() {
    String bad =
        INSIGHTFACE.replace(
            "\"labels\":[\"female\",\"male\"]",
            "\"labels\":[\"Female\",\"Male\"],\"label_map\":{\"Female\":\"woman\",\"Male\":\"male\"}");
    assertEquals(
        "spec.json: spec: tasks[0]: nominal task 'gender': label_map maps 'Female' to 'woman',"
            + " which is not a ground-truth label [male, female]",
        refusal(bad));
  }

  @Test
  void overlappingSlicesOfOneOutputAreRefused() {
    assertEquals(
        "spec.json: spec: tasks 'gender' and 'age' read overlapping slices [0, 2) and [1, 2) of"
            + " output 'fc1'",
        refusal(INSIGHTFACE.replace("\"slice\":[2,3]", "\"slice\":[1,2]")));
  }

  @Test
  void aDistributionAndBinsDecode() {
    TaskSpec dist =
        new TaskSpec(
            "age",
            null,
            "probs",
            java.util.List.of(0, 1, 2),
            null,
            Readout.DISTRIBUTION,
            null,
            Activation.PROBABILITIES,
            null,
            null,
            null,
            null);
    OrdinalPrediction p = OutputDecoder.decodeOrdinal(dist, new float[] {0.2f, 0.3f, 0.5f});
    assertEquals(2, p.predictedRank());
    assertEquals(1.3, p.expectedRank(), 1e-6);
    assertArrayEquals(new float[] {0.8f, 0.5f}, p.thresholdProbabilities(), 1e-6f);
    TaskSpec binned =
        new TaskSpec(
            "age",
            null,
            "fc",
            null,
            null,
            Readout.BINNED,
            null,
            null,
            null,
            null,
            java.util.List.of(new AgeBin(0, 2), new AgeBin(3, 9), new AgeBin(10, 19)),
            null);
    assertEquals(java.util.List.of("0-2", "3-9", "10-19"), binned.labels());
    assertEquals(1, binned.binOf(5, 5));
    assertEquals(-1, binned.binOf(8, 12));
    assertEquals("3-9", OutputDecoder.decodeNominal(binned, new float[] {0f, 3f, 1f}).label());
  }
}
