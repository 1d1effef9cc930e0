package dev.dmtl.contract.decode;

/**
 * A decoded ordinal output.
 *
 * @param rankIndex 1-based index into the ranks, {@code 1 + Σ_k [p_k > 0.5]} (paper Eq. 6), the
 *     argmax's for a distribution, 0 for a regression (which has no ranks)
 * @param predictedRank the rank value at {@code rankIndex} (e.g. the age in years)
 * @param expectedRank {@code r_1 + Σ_k p_k·(r_{k+1} − r_k)}: the expectation of the rank under the
 *     threshold probabilities; smoother than Eq. 6 and often a lower absolute error
 * @param thresholdProbabilities p_k = sigmoid(logit_k) = P(rank &gt; r_k), length K−1 (empty for a
 *     regression)
 */
public record OrdinalPrediction(
    int rankIndex, int predictedRank, double expectedRank, float[] thresholdProbabilities) {}
