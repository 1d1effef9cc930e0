/**
 * Batched inference as a Beam transform: shard-keyed {@code GroupIntoBatches} for full batches on
 * every runner, then read + decode + faces + predict fused in one DoFn around the plain-Java
 * {@link dev.dmtl.inference.batch.BatchAnalyzer}; one model per worker JVM.
 */
package dev.dmtl.pipeline.infer;
