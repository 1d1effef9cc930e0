package dev.dmtl.contract.model;

import ai.onnx.proto.OnnxMl;
import dev.dmtl.contract.onnx.TensorDeclaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds ONNX model protos inline for validator tests: only what the reader looks at (metadata,
 * graph input and output declarations, one node). The graphs are not meant to run.
 */
final class OnnxFixture {

  final Map<String, String> metadata = new LinkedHashMap<>();
  final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("fixture");

  /** A valid 96×96 age/gender/race model declaration. */
  static OnnxFixture valid() {
    OnnxFixture f = new OnnxFixture();
    f.metadata.put("dmtl.contract", "\"1\"");
    f.metadata.put(
        "dmtl.input",
        "{\"name\":\"image\",\"layout\":\"NCHW\",\"channels\":\"RGB\",\"height\":96,\"width\":96,"
            + "\"scale\":255.0,\"mean\":[0.5,0.5,0.5],\"std\":[0.5,0.5,0.5]}");
    String ranks =
        IntStream.rangeClosed(1, 116)
            .mapToObj(Integer::toString)
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    f.metadata.put(
        "dmtl.tasks",
        "[{\"name\":\"age\",\"kind\":\"ordinal\",\"output\":\"age_logits\",\"ranks\":["
            + ranks
            + "]},"
            + "{\"name\":\"gender\",\"kind\":\"nominal\",\"output\":\"gender_logits\",\"labels\":[\"male\",\"female\"]},"
            + "{\"name\":\"race\",\"kind\":\"nominal\",\"output\":\"race_logits\",\"labels\":[\"white\",\"black\",\"asian\",\"indian\",\"others\"]}]");
    f.graph.addInput(tensor("image", OnnxMl.TensorProto.DataType.FLOAT, "batch", 3L, 96L, 96L));
    f.graph.addNode(
        OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("image").addOutput("x"));
    f.graph.addOutput(tensor("age_logits", OnnxMl.TensorProto.DataType.FLOAT, "batch", 115L));
    f.graph.addOutput(tensor("gender_logits", OnnxMl.TensorProto.DataType.FLOAT, "batch", 2L));
    f.graph.addOutput(tensor("race_logits", OnnxMl.TensorProto.DataType.FLOAT, "batch", 5L));
    return f;
  }

  /** Replaces the output or input named {@code name} with a new declaration. */
  OnnxFixture replace(String name, OnnxMl.ValueInfoProto value) {
    for (int i = 0; i < graph.getOutputCount(); i++) {
      if (graph.getOutput(i).getName().equals(name)) {
        graph.setOutput(i, value);
        return this;
      }
    }
    for (int i = 0; i < graph.getInputCount(); i++) {
      if (graph.getInput(i).getName().equals(name)) {
        graph.setInput(i, value);
        return this;
      }
    }
    throw new IllegalArgumentException("no value " + name);
  }

  byte[] bytes() {
    OnnxMl.ModelProto.Builder model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("fixture")
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17))
            .setGraph(graph);
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build().toByteArray();
  }

  /** A tensor declaration; dims are {@code Long} (fixed) or {@code String} (symbolic). */
  static OnnxMl.ValueInfoProto tensor(
      String name, OnnxMl.TensorProto.DataType type, Object... dims) {
    return TensorDeclaration.of(name, type, dims);
  }

  static List<Integer> ranks() {
    return IntStream.rangeClosed(1, 116).boxed().toList();
  }
}
