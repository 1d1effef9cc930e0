/**
 * Running a DMTL model: ONNX Runtime through DJL (engine named explicitly), one shared {@link
 * dev.dmtl.inference.model.DmtlModel} per JVM ({@link dev.dmtl.inference.model.SharedModels}), one
 * {@link dev.dmtl.inference.model.FacePredictor} per thread, outputs decoded by the contract
 * module's {@link dev.dmtl.contract.decode.OutputDecoder}.
 */
package dev.dmtl.inference.model;
