/**
 * Writing a run's rows into the results database from the workers, with Beam's JdbcIO: faces, their
 * per-task predictions, dead letters and their labels, each an upsert on its natural key so that
 * retried bundles never duplicate a row. The {@code runs} row and the schema belong to the driver
 * ({@link dev.dmtl.resultsdb.ResultsDatabase}).
 */
package dev.dmtl.pipeline.database;
