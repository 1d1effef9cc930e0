/**
 * Checking {@code --fail-on} rules ({@link dev.dmtl.audit.config.FailRule}) against an {@link
 * dev.dmtl.audit.result.AuditResult}, and the documented exit code of a violated rule.
 */
package dev.dmtl.audit.rules;
