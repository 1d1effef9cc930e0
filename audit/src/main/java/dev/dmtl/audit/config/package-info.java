/**
 * What an audit is asked to do: {@link dev.dmtl.audit.config.AuditOptions} (with documented
 * defaults), the choices it holds (age prediction, label source, mode) and the parsed {@code
 * --fail-on} {@link dev.dmtl.audit.config.FailRule}s.
 */
package dev.dmtl.audit.config;
