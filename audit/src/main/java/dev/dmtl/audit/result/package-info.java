/**
 * The typed, immutable result of an audit ({@link dev.dmtl.audit.result.AuditResult} and the
 * records it holds). This is the stable API that reports and the JSON/CSV writers consume; it has
 * no Tablesaw, Parquet or Jackson types. Numbers that cannot be measured are NaN with an {@code
 * insufficient} flag or a NaN interval, never 0 and never dropped.
 */
package dev.dmtl.audit.result;
