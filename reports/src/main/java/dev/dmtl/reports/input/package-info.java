/**
 * What a report is made from: {@link dev.dmtl.reports.input.ReportInput} (the audit result and the
 * optional model, dead-letter reasons and examples) and {@link dev.dmtl.reports.input.ReportRun}
 * (about the report itself).
 */
package dev.dmtl.reports.input;
