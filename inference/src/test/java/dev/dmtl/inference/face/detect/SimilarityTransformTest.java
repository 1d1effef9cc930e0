package dev.dmtl.inference.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

  /** Five face-like landmarks: eyes, nose, mouth corners (not symmetric, so no special case). */
  private static final double[] FACE = {
    58.5, 57.6, 136.5, 58.7, 95.1, 100.3, 63.5, 136.0, 128.5, 137.1
  };

  private static double[] apply(SimilarityTransform t, double[] pts) {
    double[] out = new double[pts.length];
    for (int i = 0; i < pts.length; i += 2) {
      out[i] = t.applyX(pts[i], pts[i + 1]);
      out[i + 1] = t.applyY(pts[i], pts[i + 1]);
    }
    return out;
  }

  @Test
  void recoversRotationScaleAndTranslationExactly() {
    SimilarityTransform truth = SimilarityTransform.of(1.7, 0.3, 12.5, -4.25);
    SimilarityTransform fit = SimilarityTransform.estimate(FACE, apply(truth, FACE));
    assertEquals(truth.a(), fit.a(), 1e-6);
    assertEquals(truth.b(), fit.b(), 1e-6);
    assertEquals(truth.tx(), fit.tx(), 1e-6);
    assertEquals(truth.ty(), fit.ty(), 1e-6);
    assertEquals(1.7, fit.scale(), 1e-6);
    assertEquals(0.3, fit.rotation(), 1e-6);
    assertEquals(0, fit.rmsError(FACE, apply(truth, FACE)), 1e-6);
  }

  @Test
  void recoversAQuarterTurnAndAShrink() {
    // (x, y) -> (-y, x) * 0.5 + (100, 0): a = 0, b = 0.5
    double[] src = {0, 0, 10, 0, 10, 20, 0, 20};
    double[] dst = {100, 0, 100, 5, 90, 5, 90, 0};
    SimilarityTransform fit = SimilarityTransform.estimate(src, dst);
    assertEquals(0, fit.a(), 1e-9);
    assertEquals(0.5, fit.b(), 1e-9);
    assertEquals(100, fit.tx(), 1e-9);
    assertEquals(0, fit.ty(), 1e-9);
    assertEquals(Math.PI / 2, fit.rotation(), 1e-9);
  }

  @Test
  void neverProducesAReflection() {
    // dst is FACE mirrored left-right: a reflection would fit it exactly
    double[] mirrored = new double[FACE.length];
    for (int i = 0; i < FACE.length; i += 2) {
      mirrored[i] = 200 - FACE[i];
      mirrored[i + 1] = FACE[i + 1];
    }
    SimilarityTransform fit = SimilarityTransform.estimate(FACE, mirrored);
    // [[a, -b], [b, a]] has determinant a² + b² >= 0: a proper rotation, never a flip
    assertTrue(fit.a() * fit.a() + fit.b() * fit.b() > 0);
    // and so it cannot reach the mirrored points: clearly positive residual
    assertTrue(fit.rmsError(FACE, mirrored) > 10, "rms " + fit.rmsError(FACE, mirrored));
  }

  @Test
  void isTheLeastSquaresOptimumOnNoisyPoints() {
    Random random = new Random(42);
    SimilarityTransform truth = SimilarityTransform.of(0.6, -0.2, 30, 40);
    double[] noisy = apply(truth, FACE);
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += random.nextGaussian() * 2;
    }
    SimilarityTransform fit = SimilarityTransform.estimate(FACE, noisy);
    double best = fit.rmsError(FACE, noisy);
    double h = 1e-3;
    double[][] steps = {
      {h, 0, 0, 0},
      {-h, 0, 0, 0},
      {0, h, 0, 0},
      {0, -h, 0, 0},
      {0, 0, h, 0},
      {0, 0, -h, 0},
      {0, 0, 0, h},
      {0, 0, 0, -h}
    };
    for (double[] s : steps) {
      SimilarityTransform moved =
          new SimilarityTransform(fit.a() + s[0], fit.b() + s[1], fit.tx() + s[2], fit.ty() + s[3]);
      assertTrue(
          moved.rmsError(FACE, noisy) > best,
          "moving by " + Arrays.toString(s) + " lowered the error");
    }
  }

  @Test
  void inverseUndoesTheTransform() {
    SimilarityTransform t = SimilarityTransform.of(2.5, 1.1, -7, 3);
    SimilarityTransform back = t.inverse();
    double x = 13.25;
    double y = -8.5;
    assertEquals(x, back.applyX(t.applyX(x, y), t.applyY(x, y)), 1e-12);
    assertEquals(y, back.applyY(t.applyX(x, y), t.applyY(x, y)), 1e-12);
  }

  @Test
  void refusesCoincidentOrMismatchedPoints() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SimilarityTransform.estimate(
                new double[] {1, 1, 1, 1, 1, 1}, new double[] {0, 0, 1, 0, 2, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SimilarityTransform.estimate(
                new double[] {1, 1, 2, 2}, new double[] {0, 0, 1, 0, 2, 0}));
  }
}
