/**
 * The paper's losses: softmax cross-entropy for nominal tasks (Eq. 3), the sum of binary
 * cross-entropies over the ordinal thresholds (Eq. 7), and the uncertainty-weighted joint loss (Eq.
 * 15 in log-variance form), with the Table IV ablation switches.
 */
package dev.dmtl.training.loss;
