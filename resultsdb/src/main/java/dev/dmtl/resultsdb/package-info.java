/**
 * The results database, PostgreSQL or a DuckDB file: the sink URL and its credentials, the schema
 * (Flyway migrations under {@code db/migration}; for DuckDB the scripts under {@code db/duckdb},
 * applied by {@link dev.dmtl.resultsdb.DuckDbMigrations}), the one DuckDB instance per JVM and file
 * ({@link dev.dmtl.resultsdb.DuckDbFile}), the {@code runs} row's life cycle (running, published,
 * failed), the hashes already known to a model, and reading a run's rows back for the audit. No
 * Beam here: the pipeline writes the rows with Beam's JdbcIO through the statements of {@link
 * dev.dmtl.resultsdb.ResultsTables}.
 */
package dev.dmtl.resultsdb;
