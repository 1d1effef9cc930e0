/**
 * The JSON binding every dmtl document shares ({@link dev.dmtl.contract.json.DmtlJson}): naming,
 * NaN and null, unknown fields, coercion and times, decided once.
 */
package dev.dmtl.contract.json;
