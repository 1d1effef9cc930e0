/**
 * Outputs of a run: the Parquet schemas derived from the model's tasks, rows, a Parquet sink that
 * writes provenance into the footer, the run manifest, and the all-or-nothing output folder.
 */
package dev.dmtl.pipeline.output;
