/**
 * A small parquet-avro reader for what the audit result does not carry but a report shows: the
 * dead letters' reasons ({@link dev.dmtl.reports.parquet.DeadLetterReasons}) and the rows behind
 * the worst-error examples. Only the needed columns are read.
 */
package dev.dmtl.reports.parquet;
