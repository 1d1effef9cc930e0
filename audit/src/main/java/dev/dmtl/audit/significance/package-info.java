/**
 * Which group differences the audit calls significant: every group's difference to its reference
 * group is tested (the two-proportion z-test for shares of counts, a Wald test with the bootstrap
 * standard error otherwise), and the p-values of the whole audit are corrected together (Holm or
 * Benjamini–Hochberg) before anything is flagged.
 */
package dev.dmtl.audit.significance;
