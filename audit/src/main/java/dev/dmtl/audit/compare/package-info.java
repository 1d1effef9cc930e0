/**
 * Paired comparison of two models over the same faces ({@code dmtl compare}, docs/COMPARE.md): the
 * join on (image SHA-256, face index), the overlap, the paired bootstrap of every metric and gap,
 * the verdicts, the {@code delta(...)} regression rules, and {@code changes.json} / {@code
 * changes.csv}.
 */
package dev.dmtl.audit.compare;
