/**
 * Decoding of model logits by the paper's equations, shared by the pipeline and by evaluation so
 * the two can never disagree: ordinal thresholds (Eq. 5–6) plus the expected rank, nominal softmax
 * (Eq. 3–4), and the uncertainty-derived task weights β (Eq. 16).
 */
package dev.dmtl.contract.decode;
