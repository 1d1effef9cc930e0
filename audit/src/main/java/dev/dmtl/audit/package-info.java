/**
 * The fairness audit of face-attribute predictions. Entry point: {@link dev.dmtl.audit.Auditor}
 * over {@link dev.dmtl.audit.AuditInputs} with {@link dev.dmtl.audit.config.AuditOptions}; result:
 * {@link dev.dmtl.audit.result.AuditResult}; files: {@link dev.dmtl.audit.io.AuditJson}, {@link
 * dev.dmtl.audit.io.AuditCsv}. Tablesaw is used inside {@code input} only; the public API is plain
 * records and enums.
 */
package dev.dmtl.audit;
