/**
 * Plain-Java inference: decoding images, finding and aligning faces, and running a DMTL model with
 * ONNX Runtime through DJL. No Beam here: the pipeline wraps these classes in DoFns, evaluation and
 * the plain-loop benchmark call them directly.
 */
package dev.dmtl.inference;
