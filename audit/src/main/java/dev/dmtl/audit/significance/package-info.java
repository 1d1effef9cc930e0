/**
 * Which group differences the audit calls significant: every group's difference to its reference
 * group is tested (a Wald test with the bootstrap standard error), and the p-values of the whole
 * audit are corrected together (Holm or Benjamini–Hochberg) before anything is flagged.
 */
package dev.dmtl.audit.significance;
