/**
 * The report's tables as text ({@link dev.dmtl.reports.csv.CsvTable}): built once from the audit
 * result, the model and the examples, then written as CSV and shown in the HTML report, so both
 * carry the same strings. Also which metrics lead ({@link dev.dmtl.reports.tables.Headlines}) and
 * how fail rules attach to gaps ({@link dev.dmtl.reports.tables.RuleStatus}).
 */
package dev.dmtl.reports.tables;
