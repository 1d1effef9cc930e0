/**
 * Test fixtures shared by every module's tests: locating {@code testdata/} and {@code ../shared}
 * ({@link dev.dmtl.testdata.TestData}), tiny contract-valid and broken ONNX models ({@link
 * dev.dmtl.testdata.TinyModels}), synthetic images, archives, the bad-input corpus with its
 * expected outcomes ({@link dev.dmtl.testdata.BadInputs}), and real photographs with hand-annotated
 * faces ({@link dev.dmtl.testdata.Photos}).
 */
package dev.dmtl.testdata;
