package dev.dmtl.contract.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dmtl.explain}: declared per task, validated against the graph (feature-map output and head
 * weight), optional (a model without it reads as before and is "not explainable"), and the head
 * weights are read from the initializers with the task's slice.
 */
class ExplainDeclarationTest {

  private static final long C = 4;

  /** The valid fixture with a 4-channel 3×3 feature map and a head weight for every task. */
  private static OnnxFixture explainable() {
    OnnxFixture f = OnnxFixture.valid();
    StringBuilder explain = new StringBuilder("{");
    Map<String, Long> widths = Map.of("age", 115L, "gender", 2L, "race", 5L);
    for (String task : new String[] {"age", "gender", "race"}) {
      f.graph.addOutput(OnnxFixture.tensor(task + "_features", DataType.FLOAT, "batch", C, 3L, 3L));
      long rows = widths.get(task);
      OnnxMl.TensorProto.Builder w =
          OnnxMl.TensorProto.newBuilder()
              .setName(task + "_fc_w")
              .setDataType(DataType.FLOAT.getNumber())
              .addDims(rows)
              .addDims(C);
      for (int i = 0; i < rows * C; i++) {
        w.addFloatData(i);
      }
      f.graph.addInitializer(w);
      explain
          .append(explain.length() > 1 ? "," : "")
          .append("\"")
          .append(task)
          .append("\":{\"feature_map\":\"")
          .append(task)
          .append("_features\",\"weight\":\"")
          .append(task)
          .append("_fc_w\"}");
    }
    f.metadata.put("dmtl.explain", explain.append("}").toString());
    return f;
  }

  private static String violation(OnnxFixture f) {
    ContractViolationException e =
        assertThrows(
            ContractViolationException.class, () -> ModelContractReader.read("m.onnx", f.bytes()));
    return e.getMessage().substring("m.onnx: ".length());
  }

  @Test
  void aModelWithoutExplainIsValidAndNotExplainable() throws Exception {
    ModelContract c = ModelContractReader.read("m.onnx", OnnxFixture.valid().bytes()).contract();
    assertFalse(c.explainable());
    assertEquals(
        "no: the model declares no feature maps (occlusion sensitivity only)", c.explainability());
    assertFalse(ContractMetadata.toMetadata(c).containsKey("dmtl.explain"));
  }

  @Test
  void anExplainableModelIsReadAndRoundTripsWithoutRaisingTheVersion() throws Exception {
    ModelContract c = ModelContractReader.read("m.onnx", explainable().bytes()).contract();
    assertTrue(c.explainable());
    assertEquals("yes (exact class activation maps for age, gender, race)", c.explainability());
    assertEquals(new ExplainHead("age_features", "age_fc_w"), c.explain().get("age"));
    assertEquals("1", c.contractVersion(), "dmtl.explain alone keeps a model readable as v1");
    assertEquals(c, ContractMetadata.fromMetadata(ContractMetadata.toMetadata(c)));
  }

  @Test
  void headWeightsAreReadRowMajor() throws Exception {
    byte[] bytes = explainable().bytes();
    ModelContract c = ModelContractReader.read("m.onnx", bytes).contract();
    Map<String, HeadWeights> w = HeadWeights.read("m.onnx", bytes, c);
    assertEquals(2, w.get("gender").rows());
    assertEquals(4, w.get("gender").channels());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, w.get("gender").values());
    assertEquals(4 * 114 + 3, w.get("age").at(114, 3));
  }

  @Test
  void aPartialDeclarationIsNotExplainable() throws Exception {
    OnnxFixture f = explainable();
    f.metadata.put(
        "dmtl.explain", "{\"age\":{\"feature_map\":\"age_features\",\"weight\":\"age_fc_w\"}}");
    ModelContract c = ModelContractReader.read("m.onnx", f.bytes()).contract();
    assertFalse(c.explainable());
    assertEquals(
        "no: feature maps declared for age but not for gender, race (occlusion sensitivity only)",
        c.explainability());
  }

  @Test
  void violationsNameTheFieldAndTheProblem() {
    OnnxFixture f = explainable();
    f.metadata.put(
        "dmtl.explain", "{\"smile\":{\"feature_map\":\"age_features\",\"weight\":\"age_fc_w\"}}");
    assertTrue(
        violation(f).contains("dmtl.explain.smile: task 'smile' is not declared"), violation(f));

    f = explainable();
    f.metadata.put(
        "dmtl.explain", "{\"age\":{\"feature_map\":\"nothing\",\"weight\":\"age_fc_w\"}}");
    assertTrue(
        violation(f).startsWith("dmtl.explain.age.feature_map: the graph has no output 'nothing'"),
        violation(f));

    f = explainable();
    f.replace("age_features", OnnxFixture.tensor("age_features", DataType.FLOAT, "batch", C));
    assertEquals(
        "dmtl.explain.age.feature_map: output 'age_features' has rank 2, expected 4 [batch, C, h, w]",
        violation(f));

    f = explainable();
    f.replace(
        "gender_features",
        OnnxFixture.tensor("gender_features", DataType.FLOAT, "batch", 8L, 3L, 3L));
    assertEquals(
        "dmtl.explain.gender.weight: initializer 'gender_fc_w' has 4 columns, the feature map"
            + " 'gender_features' has 8 channels",
        violation(f));

    f = explainable();
    f.metadata.put(
        "dmtl.explain",
        "{\"race\":{\"feature_map\":\"race_features\",\"weight\":\"gender_fc_w\"}}");
    assertEquals(
        "dmtl.explain.race.weight: initializer 'gender_fc_w' has 2 rows, output 'race_logits' of"
            + " task 'race' is 5 wide",
        violation(f));

    f = explainable();
    f.metadata.put(
        "dmtl.explain", "{\"race\":{\"feature_map\":\"race_features\",\"weight\":\"missing_w\"}}");
    assertEquals(
        "dmtl.explain.race.weight: the graph has no initializer 'missing_w'", violation(f));

    f = explainable();
    f.replace(
        "race_features", OnnxFixture.tensor("race_features", DataType.FLOAT, "batch", C, "h", 3L));
    assertTrue(violation(f).contains("has a dynamic dimension 2"), violation(f));
  }

  @Test
  void aSpecCanDeclareTheFeatureMapsOfAModelWithoutMetadata() throws Exception {
    OnnxFixture f = explainable();
    String spec =
        "{\"input\":"
            + f.metadata.get("dmtl.input")
            + ",\"tasks\":"
            + f.metadata.get("dmtl.tasks")
            + ",\"explain\":"
            + f.metadata.get("dmtl.explain")
            + "}";
    f.metadata.clear();
    ModelFile file =
        ModelContractReader.read(
            "m.onnx",
            f.bytes(),
            ContractSpec.parse(
                "spec.json", spec.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(file.contract().explainable());
    assertTrue(
        ContractMetadata.toMetadata(file.contract()).get("dmtl.explain").contains("age_features"));
  }
}
