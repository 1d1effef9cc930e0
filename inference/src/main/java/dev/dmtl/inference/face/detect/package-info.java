/**
 * Detect-and-align face extraction ({@code --faces detect}): the YuNet detector run through ONNX
 * Runtime ({@link dev.dmtl.inference.face.detect.YuNetDetector}), its output decoding and
 * non-maximum suppression, the five-landmark similarity alignment to a model's {@link
 * dev.dmtl.contract.model.FaceTemplate}, and {@link dev.dmtl.inference.face.detect.DetectAndAlign},
 * the {@link dev.dmtl.inference.face.FaceExtractor} that ties them together. Everything except the
 * ONNX Runtime session is plain arithmetic on arrays, tested without a model.
 */
package dev.dmtl.inference.face.detect;
