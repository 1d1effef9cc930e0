/**
 * Files of an audit: the JSON document ({@link dev.dmtl.audit.io.AuditJson}, Jackson, written and
 * read back) and one CSV per table ({@link dev.dmtl.audit.io.AuditCsv}, Commons CSV). Both follow
 * docs/AUDIT_SCHEMA.md; NaN is {@code null} in JSON and an empty cell in CSV.
 */
package dev.dmtl.audit.io;
