package dev.dmtl.training.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A minimal ONNX graph writer: initializers as raw little-endian float32, and the handful of
 * operators the DMTL network needs. Node and tensor names are made unique by a counter.
 */
final class OnnxGraph {

  private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
  private int counter;

  OnnxGraph(String name) {
    graph.setName(name);
  }

  OnnxMl.GraphProto.Builder proto() {
    return graph;
  }

  String fresh(String prefix) {
    return prefix + "_" + counter++;
  }

  /** Adds a float32 constant and returns its name. */
  String initializer(String prefix, long[] dims, float[] values) {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    if (count != values.length) {
      throw new IllegalArgumentException(
          prefix + ": " + values.length + " values for dims " + java.util.Arrays.toString(dims));
    }
    String name = fresh(prefix);
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    OnnxMl.TensorProto.Builder t =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .setRawData(ByteString.copyFrom(buf.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /** Adds an int64 constant and returns its name. */
  String int64Initializer(String prefix, long... values) {
    String name = fresh(prefix);
    OnnxMl.TensorProto.Builder t =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber())
            .addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    graph.addInitializer(t);
    return name;
  }

  String node(String op, List<String> inputs, List<OnnxMl.AttributeProto> attributes) {
    return node(op, inputs, attributes, fresh(op.toLowerCase(java.util.Locale.ROOT)));
  }

  String node(
      String op, List<String> inputs, List<OnnxMl.AttributeProto> attributes, String output) {
    graph.addNode(
        OnnxMl.NodeProto.newBuilder()
            .setOpType(op)
            .setName(fresh("n_" + op))
            .addAllInput(inputs)
            .addOutput(output)
            .addAllAttribute(attributes));
    return output;
  }

  String conv(String x, String weight, String bias, int kernel, int stride, int groups) {
    int pad = kernel / 2;
    return node(
        "Conv",
        List.of(x, weight, bias),
        List.of(
            ints("kernel_shape", kernel, kernel),
            ints("strides", stride, stride),
            ints("pads", pad, pad, pad, pad),
            ints("dilations", 1, 1),
            intAttr("group", groups)));
  }

  String silu(String x) {
    String s = node("Sigmoid", List.of(x), List.of());
    return node("Mul", List.of(x, s), List.of());
  }

  static OnnxMl.AttributeProto ints(String name, long... values) {
    OnnxMl.AttributeProto.Builder a =
        OnnxMl.AttributeProto.newBuilder()
            .setName(name)
            .setType(OnnxMl.AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  static OnnxMl.AttributeProto intAttr(String name, long value) {
    return OnnxMl.AttributeProto.newBuilder()
        .setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }
}
