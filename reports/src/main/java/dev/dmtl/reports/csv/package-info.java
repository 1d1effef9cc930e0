/**
 * The report's tables as text ({@link dev.dmtl.reports.csv.CsvTable}) and their CSV files ({@link
 * dev.dmtl.reports.csv.CsvTableWriter}, Commons CSV). Column headers are stable and documented in
 * docs/REPORT_CSV.md.
 */
package dev.dmtl.reports.csv;
