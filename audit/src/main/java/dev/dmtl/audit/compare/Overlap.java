package dev.dmtl.audit.compare;

/**
 * How the two prediction sets' faces (audited rows, keyed by image SHA-256 and face index) overlap.
 * Only the faces in both are compared.
 *
 * @param onlyBaseline faces only the baseline has (including rows without an image hash and
 *     repeated keys, which cannot be paired)
 * @param onlyCandidate faces only the candidate has
 * @param both faces in both: the compared ones
 */
public record Overlap(long onlyBaseline, long onlyCandidate, long both) {}
