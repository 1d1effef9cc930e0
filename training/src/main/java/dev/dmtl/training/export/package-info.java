/**
 * ONNX export of a trained DMTL network under the model contract: our own graph writer over the
 * ONNX protobuf classes (BatchNorm folded into the convolutions), dynamic batch, opset 17, all
 * {@code dmtl.*} metadata including provenance, and each task's feature maps as extra outputs
 * declared in {@code dmtl.explain} ({@link dev.dmtl.training.export.CamOutputs}, exact class
 * activation maps); the import of such a model back into a network.
 */
package dev.dmtl.training.export;
