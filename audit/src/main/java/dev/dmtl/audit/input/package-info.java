/**
 * Reading the audit's inputs: prediction and dead-letter Parquet files (parquet-avro with a
 * column projection), the {@code dmtl.run} footer ({@link dev.dmtl.audit.input.RunMetadata}), and
 * labels from columns or UTKFace names. Rows are held in Tablesaw tables inside this package;
 * what leaves it are typed primitive arrays ({@link dev.dmtl.audit.input.FaceRows},
 * {@link dev.dmtl.audit.input.InputRows}).
 */
package dev.dmtl.audit.input;
