package dev.dmtl.audit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.model.TaskKind;
import org.junit.jupiter.api.Test;

/** Metrics on hand-computed confusion matrices. */
class MetricTest {

  private static final double EPS = 1e-12;

  // 2x2, classes (male, female); rows true, columns predicted:
  //            pred male  pred female
  // male           40          10        row 50
  // female          5          45        row 50
  // column         45          55        n 100
  private static final TaskContext TWO = TaskContext.nominal(2, new double[] {40, 10, 5, 45});

  @Test
  void twoByTwo() {
    assertEquals(100, Metric.N.compute(TWO, 0), EPS);
    assertEquals(0.85, Metric.ACCURACY.compute(TWO, 0), EPS); // (40 + 45) / 100
    assertEquals(40.0 / 45, Metric.PRECISION.compute(TWO, 0), EPS);
    assertEquals(45.0 / 55, Metric.PRECISION.compute(TWO, 1), EPS);
    assertEquals(0.8, Metric.RECALL.compute(TWO, 0), EPS); // 40 / 50
    assertEquals(0.9, Metric.RECALL.compute(TWO, 1), EPS); // 45 / 50
    assertEquals(0.8, Metric.TPR.compute(TWO, 0), EPS);
    // FPR(male) = females predicted male / females = 5 / 50
    assertEquals(0.1, Metric.FPR.compute(TWO, 0), EPS);
    assertEquals(0.2, Metric.FPR.compute(TWO, 1), EPS); // 10 / 50
    // F1 = 2TP / (2TP + FP + FN): male 80 / (80 + 5 + 10), female 90 / (90 + 10 + 5)
    assertEquals(80.0 / 95, Metric.F1.compute(TWO, 0), EPS);
    assertEquals(90.0 / 105, Metric.F1.compute(TWO, 1), EPS);
    // the same as the harmonic mean of precision and recall
    double p = 40.0 / 45;
    double r = 0.8;
    assertEquals(2 * p * r / (p + r), Metric.F1.compute(TWO, 0), EPS);
    assertEquals((80.0 / 95 + 90.0 / 105) / 2, Metric.MACRO_F1.compute(TWO, 0), EPS);
    assertEquals(0.45, Metric.SELECTION_RATE.compute(TWO, 0), EPS);
    assertEquals(0.55, Metric.SELECTION_RATE.compute(TWO, 1), EPS);
    assertEquals(new Proportion(85, 100), Metric.ACCURACY.proportion(TWO, 0));
    assertEquals(new Proportion(5, 50), Metric.FPR.proportion(TWO, 0));
  }

  // 3x3, classes (a, b, c); c never occurs as truth but is predicted once:
  //          a   b   c
  //   a      5   2   1    row 8
  //   b      1   3   0    row 4
  //   c      0   0   0    row 0
  //   col    6   5   1    n 12
  private static final TaskContext THREE =
      TaskContext.nominal(3, new double[] {5, 2, 1, 1, 3, 0, 0, 0, 0});

  @Test
  void threeByThree() {
    assertEquals(8.0 / 12, Metric.ACCURACY.compute(THREE, 0), EPS);
    assertEquals(5.0 / 6, Metric.PRECISION.compute(THREE, 0), EPS);
    assertEquals(3.0 / 5, Metric.PRECISION.compute(THREE, 1), EPS);
    assertEquals(0.0, Metric.PRECISION.compute(THREE, 2), EPS); // predicted once, never right
    assertEquals(5.0 / 8, Metric.RECALL.compute(THREE, 0), EPS);
    assertEquals(3.0 / 4, Metric.RECALL.compute(THREE, 1), EPS);
    assertTrue(
        Double.isNaN(Metric.RECALL.compute(THREE, 2)),
        "recall of a class that never occurs is undefined");
    // FPR(a) = non-a predicted a / non-a = 1 / 4; FPR(b) = 2 / 8; FPR(c) = 1 / 12
    assertEquals(0.25, Metric.FPR.compute(THREE, 0), EPS);
    assertEquals(0.25, Metric.FPR.compute(THREE, 1), EPS);
    assertEquals(1.0 / 12, Metric.FPR.compute(THREE, 2), EPS);
    // F1: a 10 / (10 + 1 + 3) ; b 6 / (6 + 2 + 1) ; c 0 / (0 + 1 + 0) = 0
    assertEquals(10.0 / 14, Metric.F1.compute(THREE, 0), EPS);
    assertEquals(6.0 / 9, Metric.F1.compute(THREE, 1), EPS);
    assertEquals(0.0, Metric.F1.compute(THREE, 2), EPS);
    assertEquals((10.0 / 14 + 6.0 / 9 + 0) / 3, Metric.MACRO_F1.compute(THREE, 0), EPS);
  }

  @Test
  void classNeitherTrueNorPredictedIsLeftOutOfMacroF1() {
    // c neither occurs nor is predicted: its F1 is undefined and macro-F1 averages a and b only
    TaskContext c = TaskContext.nominal(3, new double[] {5, 2, 0, 1, 3, 0, 0, 0, 0});
    assertTrue(Double.isNaN(Metric.F1.compute(c, 2)));
    assertTrue(Double.isNaN(Metric.PRECISION.compute(c, 2)));
    assertEquals((10.0 / 13 + 6.0 / 9) / 2, Metric.MACRO_F1.compute(c, 0), EPS);
  }

  @Test
  void emptyContextIsNaNNeverZero() {
    TaskContext empty = TaskContext.nominal(2, new double[4]);
    assertEquals(0, Metric.N.compute(empty, 0));
    for (Metric m :
        new Metric[] {
          Metric.ACCURACY,
          Metric.MACRO_F1,
          Metric.PRECISION,
          Metric.RECALL,
          Metric.F1,
          Metric.FPR,
          Metric.SELECTION_RATE
        }) {
      assertTrue(Double.isNaN(m.compute(empty, 0)), m + " on no rows");
    }
    TaskContext noAge =
        TaskContext.ordinal(2, new double[4], 0, 0, 0, new double[TaskContext.CS_SLOTS]);
    for (Metric m :
        new Metric[] {
          Metric.MAE, Metric.MSE, Metric.RMSE, Metric.MEAN_ERROR, Metric.GROUP_ACCURACY, Metric.CS
        }) {
      assertTrue(Double.isNaN(m.compute(noAge, 3)), m + " on no rows");
    }
  }

  @Test
  void ordinalFromSums() {
    // errors -3, 0, 2, 5, -10, 25 (years); bins: truth/prediction bin pairs (0,0) (0,1) (1,1) (1,1)
    // (1,0) (0,1)
    double[] hist = new double[TaskContext.CS_SLOTS];
    for (double e : new double[] {-3, 0, 2, 5, -10, 25}) {
      hist[(int) Math.min(TaskContext.CS_SLOTS - 1, Math.ceil(Math.abs(e)))]++;
    }
    double[] bins = {1, 2, 1, 2}; // (0,0) 1, (0,1) 2, (1,0) 1, (1,1) 2
    TaskContext c = TaskContext.ordinal(2, bins, 19, 45, 763, hist);
    assertEquals(6, Metric.N.compute(c, 0), EPS);
    assertEquals(7.5, Metric.MAE.compute(c, 0), EPS); // 45 / 6
    assertEquals(763.0 / 6, Metric.MSE.compute(c, 0), EPS);
    assertEquals(Math.sqrt(763.0 / 6), Metric.RMSE.compute(c, 0), EPS);
    assertEquals(19.0 / 6, Metric.MEAN_ERROR.compute(c, 0), EPS);
    assertEquals(1.0 / 6, Metric.CS.compute(c, 0), EPS); // |e| <= 0: the 0
    assertEquals(1.0 / 6, Metric.CS.compute(c, 1), EPS);
    assertEquals(2.0 / 6, Metric.CS.compute(c, 2), EPS);
    assertEquals(3.0 / 6, Metric.CS.compute(c, 3), EPS);
    assertEquals(4.0 / 6, Metric.CS.compute(c, 5), EPS);
    assertEquals(5.0 / 6, Metric.CS.compute(c, 10), EPS);
    assertEquals(5.0 / 6, Metric.CS.compute(c, 20), EPS); // 25 is beyond every k
    assertEquals(3.0 / 6, Metric.GROUP_ACCURACY.compute(c, 0), EPS); // diagonal 1 + 2
    assertEquals(
        1.0,
        Metric.GROUP_ONE_OFF_ACCURACY.compute(c, 0),
        EPS); // two bins: everything is within one
  }

  @Test
  void labelFree() {
    TaskContext c = TaskContext.labelFree(TaskKind.NOMINAL, new double[] {30, 10}, 34.0, 40, 0);
    assertEquals(40, Metric.N.compute(c, 0), EPS);
    assertEquals(0.75, Metric.PREDICTED_SHARE.compute(c, 0), EPS);
    assertEquals(0.85, Metric.MEAN_CONFIDENCE.compute(c, 0), EPS);
    TaskContext age = TaskContext.labelFree(TaskKind.ORDINAL, new double[] {1, 3}, 0, 0, 100);
    assertEquals(25, Metric.MEAN_PREDICTION.compute(age, 0), EPS);
  }

  @Test
  void proportionFlagMatchesImplementation() {
    for (Metric m : Metric.values()) {
      if (m.isProportion()) {
        TaskContext c =
            m == Metric.CS || m == Metric.GROUP_ACCURACY || m == Metric.GROUP_ONE_OFF_ACCURACY
                ? TaskContext.ordinal(
                    2, new double[] {1, 0, 0, 1}, 0, 0, 0, new double[TaskContext.CS_SLOTS])
                : m == Metric.PREDICTED_SHARE || m == Metric.COVERAGE
                    ? TaskContext.labelFree(TaskKind.NOMINAL, new double[] {1, 1}, 0, 0, 0)
                    : TWO;
        assertEquals(m.proportion(c, 0).value(), m.compute(c, 0), EPS, m.name());
      } else {
        assertThrows(UnsupportedOperationException.class, () -> m.proportion(TWO, 0), m.name());
      }
    }
  }

  @Test
  void wilsonMatchesTheClosedForm() {
    // 85 of 100 at 95 %: Wilson (0.767164, 0.906940), worked out by hand from the formula
    double[] w = Wilson.interval(new Proportion(85, 100), Wilson.z(0.95));
    assertEquals(0.7671644, w[0], 1e-6);
    assertEquals(0.9069401, w[1], 1e-6);
    // and the same as Commons Math's WilsonScoreInterval
    var commons =
        new org.apache.commons.math3.stat.interval.WilsonScoreInterval()
            .createInterval(100, 85, 0.95);
    assertEquals(commons.getLowerBound(), w[0], 1e-12);
    assertEquals(commons.getUpperBound(), w[1], 1e-12);
    double[] none = Wilson.interval(new Proportion(0, 0), Wilson.z(0.95));
    assertTrue(Double.isNaN(none[0]) && Double.isNaN(none[1]));
    double[] zero = Wilson.interval(new Proportion(0, 10), Wilson.z(0.95));
    assertEquals(0.0, zero[0], 1e-15);
    assertFalse(zero[1] <= 0);
  }

  @Test
  void metricKeysRoundTrip() {
    for (String id :
        new String[] {"gender.accuracy", "race.recall[black]", "age.cs[5]", "coverage.coverage"}) {
      assertEquals(id, MetricKey.parse(id).id());
    }
    assertThrows(IllegalArgumentException.class, () -> MetricKey.parse("race.recall"));
    assertThrows(IllegalArgumentException.class, () -> MetricKey.parse("age.cs[21]"));
    assertThrows(IllegalArgumentException.class, () -> MetricKey.parse("gender.accuracy[male]"));
  }
}
