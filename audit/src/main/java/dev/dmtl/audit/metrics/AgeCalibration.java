package dev.dmtl.audit.metrics;

/**
 * Calibration sums of the labelled ordinal (age) task in one group.
 *
 * @param thresholds the threshold probabilities P(age &gt; r_k) of every row, pooled, against the
 *     observed [age &gt; r_k], over equal-width bins on [0, 1] (a threshold inside a range label is
 *     left out: its outcome is unknown)
 * @param thresholdBrierSum Σ (p_k − [age &gt; r_k])² over the same threshold predictions
 * @param expected the expected age against the true age (range labels: the midpoint), binned by the
 *     predicted age's age group
 * @param expectedErrorSum Σ (expected age − true age)
 */
public record AgeCalibration(
    BinSums thresholds, double thresholdBrierSum, BinSums expected, double expectedErrorSum) {}
