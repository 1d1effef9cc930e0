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
    return read(path, null);
  }

  /** Reads a model file and validates it against a spec, or its own metadata when spec is null. */
  public static ModelFile read(Path path, ContractSpec spec)
      throws ContractViolationException, IOException {
    return read(path.toString(), readBytes(path), spec);
  }

  /** A model file's bytes, refusing what cannot be an ONNX protobuf. */
  public static byte[] readBytes(Path path) throws ContractViolationException, IOException {
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
    return bytes;
  }

  /** Validates model bytes read from {@code source} (a path or resource name, used in messages). */
  public static ModelFile read(String source, byte[] bytes) throws ContractViolationException {
    return read(source, bytes, null);
  }

  /**
   * Validates model bytes against a spec instead of their own metadata ({@code --spec}); with a
   * null spec, against their metadata. The bytes are not changed: the SHA-256 is the file's.
   */
  public static ModelFile read(String source, byte[] bytes, ContractSpec spec)
      throws ContractViolationException {
    OnnxMl.ModelProto model = parse(source, bytes);
    ModelContract contract;
    if (spec == null) {
      Map<String, String> metadata = new LinkedHashMap<>();
      for (OnnxMl.StringStringEntryProto entry : model.getMetadataPropsList()) {
        metadata.put(entry.getKey(), entry.getValue());
      }
      try {
        contract = ContractMetadata.fromMetadata(metadata);
      } catch (IllegalArgumentException e) {
        throw new ContractViolationException(source, e.getMessage(), e);
      }
      checkGraph(source, model.getGraph(), contract, "dmtl.");
    } else {
      contract = spec.contract();
      try {
        checkGraph(source, model.getGraph(), contract, "");
      } catch (ContractViolationException e) {
        // the spec is what is wrong: name it, and the field
        throw new ContractViolationException(
            spec.file().source(),
            "spec: " + e.getMessage().substring(source.length() + 2) + " (model " + source + ")",
            e);
      }
    }
    long opset =
        model.getOpsetImportList().stream()
            .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
            .mapToLong(OnnxMl.OperatorSetIdProto::getVersion)
            .max()
            .orElse(0);
    String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
    return new ModelFile(
        source,
        ContentHash.sha256Hex(bytes),
        bytes.length,
        producer,
        opset,
        contract,
        spec == null ? null : spec.file());
  }

  /** Parses ONNX bytes, refusing what is not a model with a graph. */
  static OnnxMl.ModelProto parse(String source, byte[] bytes) throws ContractViolationException {
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
    return model;
  }

  /**
   * Checks the graph against a contract. Messages name the contract field at fault, with {@code
   * prefix} ({@code dmtl.} for metadata, empty for a spec) before the key.
   */
  private static void checkGraph(
      String source, OnnxMl.GraphProto graph, ModelContract contract, String prefix)
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
          prefix
              + "input.name: the graph has no input '"
              + in.name()
              + "' (its input is '"
              + input.getName()
              + "')");
    }
    List<OnnxMl.TensorShapeProto.Dimension> dims = tensorDims(source, input);
    String layout = in.layout().name();
    if (dims.size() != 4) {
      throw new ContractViolationException(
          source,
          "input '"
              + input.getName()
              + "' has rank "
              + dims.size()
              + ", expected 4 ("
              + layout
              + ")");
    }
    boolean nchw = in.layout() == InputSpec.Layout.NCHW;
    String what = prefix + "input.layout " + layout + ": input '" + input.getName() + "'";
    requireDynamicBatch(source, "input '" + input.getName() + "'", dims.get(0));
    requireDim(source, what + " channels", dims.get(nchw ? 1 : 3), 3);
    requireDim(
        source,
        prefix + "input.height: input '" + input.getName() + "' height",
        dims.get(nchw ? 2 : 1),
        in.height());
    requireDim(
        source,
        prefix + "input.width: input '" + input.getName() + "' width",
        dims.get(nchw ? 3 : 2),
        in.width());

    Map<String, OnnxMl.ValueInfoProto> outputs = new LinkedHashMap<>();
    graph.getOutputList().forEach(o -> outputs.put(o.getName(), o));
    for (int t = 0; t < contract.tasks().size(); t++) {
      TaskSpec task = contract.tasks().get(t);
      String field = prefix + "tasks[" + t + "]";
      OnnxMl.ValueInfoProto out = outputs.get(task.output());
      if (out == null) {
        throw new ContractViolationException(
            source,
            field
                + ".output: task '"
                + task.name()
                + "' reads output '"
                + task.output()
                + "', which the graph does not have (outputs: "
                + outputs.keySet()
                + ")");
      }
      List<OnnxMl.TensorShapeProto.Dimension> od = tensorDims(source, out);
      String taskWhat =
          "output '"
              + out.getName()
              + "' of "
              + task.readout().jsonName()
              + " task '"
              + task.name()
              + "'";
      if (od.size() != 2) {
        throw new ContractViolationException(
            source,
            taskWhat
                + " has rank "
                + od.size()
                + ", expected 2 [batch, "
                + (task.slice() == null ? task.outputWidth() : "width")
                + "]");
      }
      requireDynamicBatch(source, taskWhat, od.get(0));
      if (task.slice() == null) {
        requireDim(
            source,
            field + ": " + taskWhat + " (" + task.outputWidthReason() + ")",
            od.get(1),
            task.outputWidth());
      } else {
        OnnxMl.TensorShapeProto.Dimension width = od.get(1);
        if (!width.hasDimValue()) {
          throw new ContractViolationException(
              source,
              field + ".slice: " + taskWhat + " has a dynamic width, a slice needs a fixed one");
        }
        if (task.slice().to() > width.getDimValue()) {
          throw new ContractViolationException(
              source,
              field
                  + ".slice: "
                  + task.slice()
                  + " is out of bounds of "
                  + taskWhat
                  + ", which is "
                  + width.getDimValue()
                  + " wide");
        }
      }
    }
    checkExplain(source, graph, contract, prefix, outputs);
  }

  /**
   * Checks each {@code dmtl.explain} head against the graph: the feature map is a declared output
   * {@code [batch, C, h, w]} with C, h and w fixed, the weight an initializer {@code [outputs, C]}
   * whose rows cover the task's output and whose columns are the map's channels.
   */
  private static void checkExplain(
      String source,
      OnnxMl.GraphProto graph,
      ModelContract contract,
      String prefix,
      Map<String, OnnxMl.ValueInfoProto> outputs)
      throws ContractViolationException {
    if (contract.explain().isEmpty()) {
      return;
    }
    Map<String, OnnxMl.TensorProto> initializers = new LinkedHashMap<>();
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    for (Map.Entry<String, ExplainHead> e : contract.explain().entrySet()) {
      TaskSpec task = contract.task(e.getKey()).orElseThrow();
      ExplainHead head = e.getValue();
      String field = prefix + "explain." + task.name();
      OnnxMl.ValueInfoProto map = outputs.get(head.featureMap());
      if (map == null) {
        throw new ContractViolationException(
            source,
            field
                + ".feature_map: the graph has no output '"
                + head.featureMap()
                + "' (outputs: "
                + outputs.keySet()
                + ")");
      }
      List<OnnxMl.TensorShapeProto.Dimension> md = tensorDims(source, map);
      String what = field + ".feature_map: output '" + head.featureMap() + "'";
      if (md.size() != 4) {
        throw new ContractViolationException(
            source, what + " has rank " + md.size() + ", expected 4 [batch, C, h, w]");
      }
      requireDynamicBatch(source, what, md.get(0));
      for (int d = 1; d < 4; d++) {
        if (!md.get(d).hasDimValue() || md.get(d).getDimValue() < 1) {
          throw new ContractViolationException(
              source, what + " has a dynamic dimension " + d + ", C, h and w must be fixed");
        }
      }
      long channels = md.get(1).getDimValue();
      OnnxMl.TensorProto weight = initializers.get(head.weight());
      String wWhat = field + ".weight: initializer '" + head.weight() + "'";
      if (weight == null) {
        throw new ContractViolationException(
            source, field + ".weight: the graph has no initializer '" + head.weight() + "'");
      }
      if (weight.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
        throw new ContractViolationException(
            source,
            wWhat
                + " has element type "
                + elemTypeName(weight.getDataType())
                + ", expected float32");
      }
      if (weight.getDimsCount() != 2) {
        throw new ContractViolationException(
            source, wWhat + " has rank " + weight.getDimsCount() + ", expected 2 [outputs, C]");
      }
      if (weight.getDims(1) != channels) {
        throw new ContractViolationException(
            source,
            wWhat
                + " has "
                + weight.getDims(1)
                + " columns, the feature map '"
                + head.featureMap()
                + "' has "
                + channels
                + " channels");
      }
      long rows =
          task.slice() == null
              ? task.outputWidth()
              : tensorDims(source, outputs.get(task.output())).get(1).getDimValue();
      if (weight.getDims(0) != rows) {
        throw new ContractViolationException(
            source,
            wWhat
                + " has "
                + weight.getDims(0)
                + " rows, output '"
                + task.output()
                + "' of task '"
                + task.name()
                + "' is "
                + rows
                + " wide");
      }
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
