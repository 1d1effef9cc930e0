package dev.dmtl.contract.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dmtl.contract.model.TaskSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoding every consumer shares (pipeline, evaluation), against hand-computed values. */
class OutputDecoderTest {

  private static final TaskSpec AGE = TaskSpec.ordinal("age", "age_logits", List.of(1, 2, 3, 4, 5));
  private static final TaskSpec GENDER =
      TaskSpec.nominal("gender", "gender_logits", List.of("male", "female"));

  @Test
  void ordinalRankIsOnePlusTheThresholdsPassed() {
    // P(age > r_k) = sigmoid: 0.88, 0.73, 0.27, 0.12 → two thresholds passed → rank index 3, rank 3
    // (Eq. 6)
    OrdinalPrediction p = OutputDecoder.decodeOrdinal(AGE, new float[] {2f, 1f, -1f, -2f});
    assertEquals(3, p.rankIndex());
    assertEquals(3, p.predictedRank());
    // expected rank = r_1 + Σ_k P(age > r_k)·(r_{k+1} − r_k) = 1 + 0.8808 + 0.7311 + 0.2689 +
    // 0.1192 = 3
    assertEquals(3.0, p.expectedRank(), 1e-4);
    assertArrayEquals(
        new float[] {0.8808f, 0.7311f, 0.2689f, 0.1192f}, p.thresholdProbabilities(), 1e-4f);
  }

  @Test
  void ordinalRanksNeedNotBeConsecutive() {
    TaskSpec groups = TaskSpec.ordinal("age", "age_logits", List.of(0, 10, 20));
    OrdinalPrediction p = OutputDecoder.decodeOrdinal(groups, new float[] {0f, -100f});
    assertEquals(1, p.rankIndex(), "sigmoid(0) = 0.5 is not above the threshold");
    assertEquals(0, p.predictedRank());
    assertEquals(5.0, p.expectedRank(), 1e-6);
  }

  @Test
  void nominalIsSoftmaxAndArgmax() {
    NominalPrediction p =
        OutputDecoder.decodeNominal(GENDER, new float[] {0f, (float) Math.log(3)});
    assertEquals("female", p.label());
    assertArrayEquals(new float[] {0.25f, 0.75f}, p.probabilities(), 1e-6f);
    assertEquals(0.75f, p.confidence(), 1e-6f);
    // large logits must not overflow
    assertArrayEquals(
        new float[] {1f, 0f}, OutputDecoder.softmax(new float[] {1000f, -1000f}), 1e-6f);
  }

  @Test
  void wrongWidthOrKindIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> OutputDecoder.decodeOrdinal(AGE, new float[3]));
    assertThrows(
        IllegalArgumentException.class, () -> OutputDecoder.decodeOrdinal(GENDER, new float[2]));
  }

  @Test
  void betaIsTheNormalisedPrecisionOfEq16() {
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("age", Math.log(4));
    s.put("gender", 0.0);
    // exp(−s): 0.25 and 1 → β = 0.2 and 0.8
    Map<String, Double> beta = UncertaintyWeights.beta(s);
    assertEquals(0.2, beta.get("age"), 1e-12);
    assertEquals(0.8, beta.get("gender"), 1e-12);
  }
}
