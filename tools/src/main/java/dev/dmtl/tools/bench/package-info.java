/**
 * Benchmarks (not tests): {@code pipeline-vs-loop}, the Beam pipeline on embedded Flink against a
 * plain Java loop doing the same decode + resize + batched inference with the same model, batch
 * size and threads, in one JVM run (see {@code scripts/benchmark.sh} and docs/BENCHMARKS.md); and
 * {@code training-speed}, training-step and inference throughput of network configurations on
 * random data.
 */
package dev.dmtl.tools.bench;
