/**
 * The metrics of the audit: {@link dev.dmtl.audit.metrics.Metric} (an enum over a shared, once
 * computed {@link dev.dmtl.audit.metrics.TaskContext}, in the style of Tribuo's evaluation
 * metrics), {@link dev.dmtl.audit.metrics.MetricKey} (task + metric + class/k), the fairness {@link
 * dev.dmtl.audit.metrics.GapKind}s and {@link dev.dmtl.audit.metrics.Wilson} intervals. Pure
 * arithmetic: no I/O, no Tablesaw. Undefined values are NaN, never 0.
 */
package dev.dmtl.audit.metrics;
