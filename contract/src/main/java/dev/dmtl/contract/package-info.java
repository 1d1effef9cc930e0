/**
 * The shared vocabulary of the project: the ONNX model contract (versions 1 and 2, see {@code
 * docs/MODEL_CONTRACT.md}), the decoding of model outputs by the paper's equations, label sources,
 * and the typed records that cross module boundaries (prediction rows, dead letters).
 *
 * <p>This module depends on nothing heavier than protobuf (for reading ONNX files), Jackson and
 * Commons CSV, so every other module can use it.
 */
package dev.dmtl.contract;
