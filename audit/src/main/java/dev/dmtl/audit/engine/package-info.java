/**
 * The computation behind an audit, over primitive arrays: a {@link
 * dev.dmtl.audit.engine.Population} of rows (cell codes + per-task {@link
 * dev.dmtl.audit.engine.TaskBlock}s), per-cell sufficient statistics summed into groups, metric
 * vectors, gaps, and a seeded multi-threaded bootstrap that re-weights rows by drawn counts.
 * Internal: its types may change; use {@link dev.dmtl.audit.Auditor} and {@link
 * dev.dmtl.audit.result.AuditResult}.
 */
package dev.dmtl.audit.engine;
