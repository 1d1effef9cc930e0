/**
 * The audit's and the comparison's results as tables: {@link dev.dmtl.audit.tables.AuditTables}
 * hands them to Java callers as Tablesaw tables (one row per metric of a group, per gap, per
 * change, with their interval columns), and the CSV files ({@code groups.csv}, {@code gaps.csv},
 * {@code changes.csv}) are printed from the same {@link dev.dmtl.audit.tables.ResultTable}, so the
 * two cannot drift apart.
 */
package dev.dmtl.audit.tables;
