/**
 * Reading the audit's inputs: prediction and dead-letter Parquet files through the project's
 * Parquet layer ({@link dev.dmtl.parquet.ParquetFile}), the tasks and model their footer declares
 * ({@link dev.dmtl.audit.input.TaskDiscovery}), and labels from columns or UTKFace names ({@link
 * dev.dmtl.audit.input.FaceEncoder}). Rows are held in Tablesaw tables inside this package; what
 * leaves it are typed primitive arrays ({@link dev.dmtl.audit.input.FaceRows}, {@link
 * dev.dmtl.audit.input.InputRows}) and the dead letters' reasons.
 */
package dev.dmtl.audit.input;
