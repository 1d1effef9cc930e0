package dev.dmtl.contract.model;

import ai.onnx.proto.OnnxMl;

/**
 * Writes a contract into a copy of an ONNX model ({@code dmtl contract}): the graph is checked
 * against the spec first, then every {@code dmtl.*} metadata entry the model had is replaced by the
 * spec's; other metadata, the graph and the weights are copied as they are. No Python involved.
 */
public final class ContractWriter {

  private ContractWriter() {}

  /**
   * The model bytes with the spec's contract as metadata, validated by reading them back.
   *
   * @param source the model's path, for messages
   * @throws ContractViolationException naming the spec field when the graph does not fit the spec
   */
  public static byte[] describe(String source, byte[] model, ContractSpec spec)
      throws ContractViolationException {
    ModelContractReader.read(source, model, spec);
    OnnxMl.ModelProto proto = ModelContractReader.parse(source, model);
    OnnxMl.ModelProto.Builder out = proto.toBuilder().clearMetadataProps();
    for (OnnxMl.StringStringEntryProto e : proto.getMetadataPropsList()) {
      if (!e.getKey().startsWith("dmtl.")) {
        out.addMetadataProps(e);
      }
    }
    ContractMetadata.toMetadata(spec.contract())
        .forEach(
            (k, v) ->
                out.addMetadataProps(
                    OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    byte[] bytes = out.build().toByteArray();
    // what is written must read back as the spec said: the same check every consumer makes
    ModelFile written = ModelContractReader.read(source, bytes);
    if (!written.contract().equals(spec.contract())) {
      throw new IllegalStateException(
          "the written metadata of " + source + " does not read back as the spec");
    }
    return bytes;
  }
}
