/**
 * ONNX export of a trained DMTL network under the model contract: our own graph writer over the
 * ONNX protobuf classes (BatchNorm folded into the convolutions), dynamic batch, opset 17, and all
 * {@code dmtl.*} metadata including provenance.
 */
package dev.dmtl.training.export;
