/**
 * Attributes the auditor brings ({@code --attributes FILE.csv}): the file read, checked and typed
 * with Tablesaw ({@link dev.dmtl.audit.attributes.AttributeFile}), numeric columns binned, and the
 * values joined to the audited inputs by their relative path or image SHA-256 ({@link
 * dev.dmtl.audit.attributes.AttributeJoin}).
 */
package dev.dmtl.audit.attributes;
