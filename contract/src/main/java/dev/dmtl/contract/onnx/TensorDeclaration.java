package dev.dmtl.contract.onnx;

import ai.onnx.proto.OnnxMl;

/**
 * The declaration of a graph input or output (an ONNX {@code ValueInfoProto}): the one way the
 * project writes it, for the training exporter and the test models alike.
 */
public final class TensorDeclaration {

  private TensorDeclaration() {}

  /** A float32 tensor; see {@link #of(String, OnnxMl.TensorProto.DataType, Object...)}. */
  public static OnnxMl.ValueInfoProto floats(String name, Object... dims) {
    return of(name, OnnxMl.TensorProto.DataType.FLOAT, dims);
  }

  /**
   * A tensor of {@code type}.
   *
   * @param dims each a {@link String} (a symbolic dimension such as {@code "batch"}) or a {@link
   *     Number} (a fixed size)
   */
  public static OnnxMl.ValueInfoProto of(
      String name, OnnxMl.TensorProto.DataType type, Object... dims) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
    for (Object d : dims) {
      OnnxMl.TensorShapeProto.Dimension.Builder dim =
          OnnxMl.TensorShapeProto.Dimension.newBuilder();
      if (d instanceof String symbol) {
        dim.setDimParam(symbol);
      } else if (d instanceof Number size) {
        dim.setDimValue(size.longValue());
      } else {
        throw new IllegalArgumentException("a dimension is a String or a Number, not " + d);
      }
      shape.addDim(dim);
    }
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber())
                        .setShape(shape)))
        .build();
  }
}
