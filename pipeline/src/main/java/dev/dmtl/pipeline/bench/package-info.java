/**
 * The throughput benchmark (not a test): the Beam pipeline on embedded Flink against a plain Java
 * loop doing the same decode + resize + batched inference with the same model, batch size and
 * threads, in one JVM run. See {@code scripts/benchmark.sh} and docs/BENCHMARKS.md.
 */
package dev.dmtl.pipeline.bench;
