/**
 * The Beam batch-inference job ({@link dev.dmtl.pipeline.InferJob}): inputs → decode → faces →
 * batched ONNX inference → Parquet rows and dead letters, with a run manifest and provenance. The
 * only module that sees Beam; runs on embedded Flink (default), a Flink cluster, or the Direct
 * runner.
 */
package dev.dmtl.pipeline;
