package dev.dmtl.audit.metrics;

/**
 * Calibration sums of a labelled nominal task in one group, over the rows that have the predicted
 * label's probability (and, for Brier score and log-loss, the whole probability vector).
 *
 * @param width top-label reliability sums over equal-width confidence bins on [0, 1]
 * @param mass the same over equal-mass bins (edges from the overall confidences)
 * @param brierSum Σ over rows of Σ_c (p_c − [c = truth])²
 * @param logLossSum Σ over rows of −ln max(p_truth, 1e−15)
 * @param scored rows with a probability vector (the denominator of Brier score and log-loss)
 * @param auc ROC AUC of a two-class task in this group (computed by a sweep over the scores, not
 *     from sums), NaN otherwise
 */
public record NominalCalibration(
    BinSums width, BinSums mass, double brierSum, double logLossSum, double scored, double auc) {}
