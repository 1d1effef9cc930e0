/** Writing the pieces of ONNX graphs the project builds itself (the exporter, the test models). */
package dev.dmtl.contract.onnx;
