package dev.dmtl.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.dmtl.contract.ContentHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelContractReaderTest {

  private static String violation(OnnxFixture fixture) {
    return violation(fixture.bytes());
  }

  private static String violation(byte[] bytes) {
    ContractViolationException e =
        assertThrows(
            ContractViolationException.class, () -> ModelContractReader.read("m.onnx", bytes));
    assertTrue(e.getMessage().startsWith("m.onnx: "), e.getMessage());
    return e.getMessage().substring("m.onnx: ".length());
  }

  @Test
  void aValidModelIsReadWithEverythingItDeclares() throws Exception {
    byte[] bytes = OnnxFixture.valid().bytes();
    ModelFile file = ModelContractReader.read("m.onnx", bytes);
    assertEquals(ContentHash.sha256Hex(bytes), file.sha256());
    assertEquals(bytes.length, file.sizeBytes());
    assertEquals(17, file.opset());
    ModelContract c = file.contract();
    assertEquals(96, c.input().height());
    assertEquals(List.of("age", "gender", "race"), c.tasks().stream().map(TaskSpec::name).toList());
    assertEquals(OnnxFixture.ranks(), c.task("age").orElseThrow().ranks());
    assertEquals(115, c.task("age").orElseThrow().outputWidth());
    assertEquals(List.of("male", "female"), c.task("gender").orElseThrow().labels());
    assertTrue(c.template().isEmpty());
  }

  @Test
  void notAnOnnxFile() {
    assertEquals("file is empty, not an ONNX model", violation(new byte[0]));
    assertTrue(violation("hello".getBytes(StandardCharsets.UTF_8)).startsWith("not an ONNX model"));
  }

  @Test
  void missingMetadataIsNamed() {
    OnnxFixture f = OnnxFixture.valid();
    f.metadata.clear();
    assertEquals("metadata key dmtl.contract is missing", violation(f));
    f = OnnxFixture.valid();
    f.metadata.remove("dmtl.tasks");
    assertEquals("metadata key dmtl.tasks is missing", violation(f));
  }

  @Test
  void anotherContractVersionIsRefused() {
    OnnxFixture f = OnnxFixture.valid();
    f.metadata.put("dmtl.contract", "\"3\"");
    assertEquals("dmtl.contract is 3, this tool reads contract versions 1 and 2", violation(f));
  }

  @Test
  void wrongOutputWidthNamesTheTaskAndTheExpectedWidth() {
    OnnxFixture f =
        OnnxFixture.valid()
            .replace("age_logits", OnnxFixture.tensor("age_logits", DataType.FLOAT, "batch", 116L));
    assertEquals(
        "dmtl.tasks[0]: output 'age_logits' of ordinal task 'age' (K-1 thresholds for 116 ranks) is 116, the contract requires 115",
        violation(f));
  }

  @Test
  void fixedBatchIsRefused() {
    OnnxFixture f =
        OnnxFixture.valid()
            .replace("image", OnnxFixture.tensor("image", DataType.FLOAT, 1L, 3L, 96L, 96L));
    assertEquals(
        "input 'image' has a fixed batch size 1, the contract requires a dynamic batch dimension",
        violation(f));
  }

  @Test
  void wrongElementTypeIsRefused() {
    OnnxFixture f =
        OnnxFixture.valid()
            .replace("image", OnnxFixture.tensor("image", DataType.DOUBLE, "batch", 3L, 96L, 96L));
    assertEquals("'image' has element type DOUBLE, the contract requires float32", violation(f));
  }

  @Test
  void inputSizeMustMatchTheMetadata() {
    OnnxFixture f =
        OnnxFixture.valid()
            .replace("image", OnnxFixture.tensor("image", DataType.FLOAT, "batch", 3L, 64L, 64L));
    assertEquals(
        "dmtl.input.height: input 'image' height is 64, the contract requires 96", violation(f));
  }

  @Test
  void aDeclaredOutputMustExist() {
    OnnxFixture f =
        OnnxFixture.valid()
            .replace("race_logits", OnnxFixture.tensor("ethnicity", DataType.FLOAT, "batch", 5L));
    assertEquals(
        "dmtl.tasks[2].output: task 'race' reads output 'race_logits', which the graph does not have (outputs: "
            + "[age_logits, gender_logits, ethnicity])",
        violation(f));
  }

  @Test
  void exactlyOneInput() {
    OnnxFixture f = OnnxFixture.valid();
    f.graph.addInput(OnnxFixture.tensor("mask", DataType.FLOAT, "batch", 1L));
    assertEquals("graph has 2 inputs [image, mask], the contract allows exactly one", violation(f));
  }

  @Test
  void malformedTaskMetadataNamesTheTask() {
    OnnxFixture f = OnnxFixture.valid();
    f.metadata.put(
        "dmtl.tasks",
        "[{\"name\":\"age\",\"kind\":\"ordinal\",\"output\":\"age_logits\",\"ranks\":[3,2]}]");
    assertEquals(
        "metadata: dmtl.tasks[0]: ordinal task 'age': ranks must be strictly increasing, 3 is followed by 2",
        violation(f));
    f.metadata.put(
        "dmtl.tasks", "[{\"name\":\"age\",\"kind\":\"interval\",\"output\":\"age_logits\"}]");
    assertEquals(
        "metadata: dmtl.tasks[0].kind: unknown task kind 'interval' (expected ordinal, nominal, regression, distribution or binned)",
        violation(f));
  }

  @Test
  void extraOutputsAreAllowed() throws Exception {
    OnnxFixture f = OnnxFixture.valid();
    f.graph.addOutput(OnnxFixture.tensor("features", DataType.FLOAT, "batch", 128L));
    assertEquals(3, ModelContractReader.read("m.onnx", f.bytes()).contract().tasks().size());
  }

  @Test
  void metadataRoundTrips() throws Exception {
    ModelContract c = ModelContractReader.read("m.onnx", OnnxFixture.valid().bytes()).contract();
    assertEquals(c, ContractMetadata.fromMetadata(ContractMetadata.toMetadata(c)));
  }
}
