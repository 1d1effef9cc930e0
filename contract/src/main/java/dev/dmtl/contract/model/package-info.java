/**
 * The DMTL model contract: what an ONNX file must declare ({@link
 * dev.dmtl.contract.model.ModelContract}) and the reader that validates a file against it ({@link
 * dev.dmtl.contract.model.ModelContractReader}).
 */
package dev.dmtl.contract.model;
