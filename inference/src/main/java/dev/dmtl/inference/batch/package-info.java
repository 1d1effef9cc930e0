/**
 * The per-batch work shared by every caller: decode, extract faces, batched prediction, with
 * per-image failures as values. The Beam DoFn, the plain-loop benchmark and evaluation all call
 * {@link dev.dmtl.inference.batch.BatchAnalyzer}, so they measure and predict the same thing.
 */
package dev.dmtl.inference.batch;
