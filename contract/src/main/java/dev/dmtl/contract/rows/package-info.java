/**
 * Records that cross module boundaries: dead letters with their {@link
 * dev.dmtl.contract.rows.Stage}, and the column names of the prediction Parquet ({@link
 * dev.dmtl.contract.rows.PredictionColumns}).
 */
package dev.dmtl.contract.rows;
