/**
 * Audit reports a compliance reviewer can read: {@link dev.dmtl.reports.ReportWriter} turns an
 * {@link dev.dmtl.audit.result.AuditResult} (plus, optionally, the model file, the dead-letter
 * reasons and opt-in worst-error examples) into one self-contained {@code report.html} and one CSV
 * file per table, numbers written alike in both.
 */
package dev.dmtl.reports;
