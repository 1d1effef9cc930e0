package dev.dmtl.contract.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.dmtl.contract.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX file and validates it against the DMTL contract: the {@code dmtl.*} metadata, then
 * the graph's input and outputs against what the metadata declares. The first violation ends the
 * check with a {@link ContractViolationException} whose message names the file and the problem.
 */
public final class ModelContractReader {

  /** Hard cap so a mistaken path to a huge file fails fast instead of exhausting the heap. */
  public static final long MAX_MODEL_BYTES = 2L * 1024 * 1024 * 1024 - 1;

  private ModelContractReader() {}

  /** Reads and validates a model file. */
  public static ModelFile read(Path path) throws ContractViolationException, IOException {
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > MAX_MODEL_BYTES) {
        throw new ContractViolationException(
            path, "file is " + size + " bytes, larger than any ONNX protobuf can be");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "model file not found");
    }
    return read(path.toString(), bytes);
  }

  /** Validates model bytes read from {@code source} (a path or resource name, used in messages). */
  public static ModelFile read(String source, byte[] bytes) throws ContractViolationException {
    if (bytes.length == 0) {
      throw new ContractViolationException(source, "file is empty, not an ONNX model");
    }
    OnnxMl.ModelProto model;
    try {
      model = OnnxMl.ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ContractViolationException(
          source, "not an ONNX model (protobuf does not parse: " + e.getMessage() + ")", e);
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw new ContractViolationException(source, "not an ONNX model (no graph nodes)");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (OnnxMl.StringStringEntryProto entry : model.getMetadataPropsList()) {
      metadata.put(entry.getKey(), entry.getValue());
    }
    ModelContract contract;
    try {
      contract = ContractMetadata.fromMetadata(metadata);
    } catch (IllegalArgumentException e) {
      throw new ContractViolationException(source, e.getMessage(), e);
    }
    checkGraph(source, model.getGraph(), contract);
    long opset =
        model.getOpsetImportList().stream()
            .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
            .mapToLong(OnnxMl.OperatorSetIdProto::getVersion)
            .max()
            .orElse(0);
    String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
    return new ModelFile(
        source, ContentHash.sha256Hex(bytes), bytes.length, producer, opset, contract);
  }

  private static void checkGraph(String source, OnnxMl.GraphProto graph, ModelContract contract)
      throws ContractViolationException {
    Set<String> initializers = new HashSet<>();
    graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
    List<OnnxMl.ValueInfoProto> inputs =
        graph.getInputList().stream().filter(v -> !initializers.contains(v.getName())).toList();
    InputSpec in = contract.input();
    if (inputs.size() != 1) {
      throw new ContractViolationException(
          source,
          "graph has "
              + inputs.size()
              + " inputs "
              + inputs.stream().map(OnnxMl.ValueInfoProto::getName).toList()
              + ", the contract allows exactly one");
    }
    OnnxMl.ValueInfoProto input = inputs.get(0);
    if (!input.getName().equals(in.name())) {
      throw new ContractViolationException(
          source,
          "graph input is named '"
              + input.getName()
              + "' but dmtl.input.name says '"
              + in.name()
              + "'");
    }
    List<OnnxMl.TensorShapeProto.Dimension> dims = tensorDims(source, input);
    if (dims.size() != 4) {
      throw new ContractViolationException(
          source,
          "input '" + input.getName() + "' has rank " + dims.size() + ", expected 4 (NCHW)");
    }
    requireDynamicBatch(source, "input '" + input.getName() + "'", dims.get(0));
    requireDim(source, "input '" + input.getName() + "' channels", dims.get(1), 3);
    requireDim(source, "input '" + input.getName() + "' height", dims.get(2), in.height());
    requireDim(source, "input '" + input.getName() + "' width", dims.get(3), in.width());

    Map<String, OnnxMl.ValueInfoProto> outputs = new LinkedHashMap<>();
    graph.getOutputList().forEach(o -> outputs.put(o.getName(), o));
    for (TaskSpec task : contract.tasks()) {
      OnnxMl.ValueInfoProto out = outputs.get(task.output());
      if (out == null) {
        throw new ContractViolationException(
            source,
            "task '"
                + task.name()
                + "' reads output '"
                + task.output()
                + "', which the graph does not have (outputs: "
                + outputs.keySet()
                + ")");
      }
      List<OnnxMl.TensorShapeProto.Dimension> od = tensorDims(source, out);
      String what =
          "output '"
              + out.getName()
              + "' of "
              + task.kind().jsonName()
              + " task '"
              + task.name()
              + "'";
      if (od.size() != 2) {
        throw new ContractViolationException(
            source,
            what + " has rank " + od.size() + ", expected 2 [batch, " + task.outputWidth() + "]");
      }
      requireDynamicBatch(source, what, od.get(0));
      requireDim(
          source,
          what
              + (task.kind() == TaskKind.ORDINAL
                  ? " (K-1 thresholds for " + task.ranks().size() + " ranks)"
                  : " (one logit per label)"),
          od.get(1),
          task.outputWidth());
    }
  }

  private static List<OnnxMl.TensorShapeProto.Dimension> tensorDims(
      String source, OnnxMl.ValueInfoProto value) throws ContractViolationException {
    if (!value.getType().hasTensorType()) {
      throw new ContractViolationException(source, "'" + value.getName() + "' is not a tensor");
    }
    OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
    if (tensor.getElemType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
      throw new ContractViolationException(
          source,
          "'"
              + value.getName()
              + "' has element type "
              + elemTypeName(tensor.getElemType())
              + ", the contract requires float32");
    }
    if (!tensor.hasShape()) {
      throw new ContractViolationException(source, "'" + value.getName() + "' declares no shape");
    }
    return tensor.getShape().getDimList();
  }

  private static String elemTypeName(int type) {
    OnnxMl.TensorProto.DataType t = OnnxMl.TensorProto.DataType.forNumber(type);
    return t == null ? "#" + type : t.name();
  }

  private static void requireDynamicBatch(
      String source, String what, OnnxMl.TensorShapeProto.Dimension dim)
      throws ContractViolationException {
    if (dim.hasDimValue() && dim.getDimValue() > 0) {
      throw new ContractViolationException(
          source,
          what
              + " has a fixed batch size "
              + dim.getDimValue()
              + ", the contract requires a dynamic batch dimension");
    }
  }

  private static void requireDim(
      String source, String what, OnnxMl.TensorShapeProto.Dimension dim, long expected)
      throws ContractViolationException {
    if (!dim.hasDimValue()) {
      throw new ContractViolationException(
          source,
          what + " is dynamic ('" + dim.getDimParam() + "'), the contract requires " + expected);
    }
    if (dim.getDimValue() != expected) {
      throw new ContractViolationException(
          source, what + " is " + dim.getDimValue() + ", the contract requires " + expected);
    }
  }
}
