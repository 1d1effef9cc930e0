/**
 * The one Parquet layer of dmtl: the Avro schemas of the prediction and dead-letter files ({@link
 * dev.dmtl.parquet.PredictionSchema}), a reader that opens a file's footer and streams projected
 * rows ({@link dev.dmtl.parquet.ParquetFile}), and a writer that puts the run's provenance into the
 * footer ({@link dev.dmtl.parquet.ParquetRowWriter}). The pipeline writes with it, the audit and
 * the developer tools read with it; reports never see Parquet.
 *
 * <p>Only local and stream-backed files: the Hadoop configuration is fixed to the local file
 * system, so nothing reads {@code core-site.xml} from the classpath.
 */
package dev.dmtl.parquet;
