package dev.dmtl.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.training.net.TaskHeads;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DmtlLossTest {

  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = Engine.getEngine("PyTorch").newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void ordinalLossIsSumOfThresholdBceOverKnownSamples() {
    // ranks 1..4 -> thresholds r1=1, r2=2, r3=3; age 3 -> targets [1, 1, 0]
    NDArray z = manager.create(new float[] {0, 2, -1, 5, 5, 5}, new Shape(2, 3));
    NDArray loss = DmtlLoss.ordinal(manager, z, new int[] {3, -1}, List.of(1, 2, 3, 4));
    double expected = Math.log(2) + Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-1));
    assertEquals(expected, loss.getFloat(), 1e-5);
  }

  @Test
  void ordinalLossStaysFiniteForHugeLogits() {
    NDArray z = manager.create(new float[] {100, -100, 100}, new Shape(1, 3));
    NDArray loss =
        DmtlLoss.ordinal(manager, z, new int[] {2}, List.of(1, 2, 3, 4)); // targets [1, 0, 0]
    assertEquals(100, loss.getFloat(), 1e-3);
  }

  @Test
  void crossEntropyAveragesOverKnownLabelsOnly() {
    NDArray z = manager.create(new float[] {1, 2, 3, 0, 0, 0, 9, 9, 9}, new Shape(3, 3));
    NDArray loss = DmtlLoss.crossEntropy(manager, z, new int[] {2, 0, -1});
    double a = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    double b = Math.log(3);
    assertEquals((a + b) / 2, loss.getFloat(), 1e-5);
  }

  @Test
  void uncertaintyWeightingIsEq15InLogVarianceForm() {
    TaskHeads heads =
        new TaskHeads(
            List.of(
                new TaskHeads.Head("g", TaskSpec.nominal("g", "g", List.of("a", "b")), false),
                new TaskHeads.Head("h", TaskSpec.nominal("h", "h", List.of("a", "b")), false)));
    // logits chosen so that each CE is known: equal logits -> log 2
    NDList logits =
        new NDList(
            manager.create(new float[] {0, 0}, new Shape(1, 2)),
            manager.create(new float[] {0, 0}, new Shape(1, 2)));
    NDArray s = manager.create(new float[] {0.5f, -1f});
    DmtlLoss.Result r =
        new DmtlLoss(heads, TaskWeighting.learnedUncertainty())
            .compute(logits, new int[][] {{0}, {1}}, s);
    double l = Math.log(2);
    double expected = Math.exp(-0.5) * l + 0.25 + Math.exp(1) * l - 0.5;
    assertEquals(expected, r.total().getFloat(), 1e-5);
    DmtlLoss.Result fixed =
        new DmtlLoss(heads, TaskWeighting.parse("fixed:2,0.5"))
            .compute(logits, new int[][] {{0}, {1}}, s);
    assertEquals(2.5 * l, fixed.total().getFloat(), 1e-5);
  }

  @Test
  void weightingParsesAndRejects() {
    assertEquals(List.of(1.0, 0.5, 2.0), TaskWeighting.parse("fixed:1, 0.5,2").fixedWeights());
    assertThrows(IllegalArgumentException.class, () -> TaskWeighting.parse("fixed:1,x"));
    assertThrows(IllegalArgumentException.class, () -> TaskWeighting.parse("fixed:-1,1,1"));
    assertThrows(IllegalArgumentException.class, () -> TaskWeighting.parse("equal"));
  }

  @Test
  void softmaxAgeUsesNearestRank() {
    assertEquals(0, DmtlLoss.rankIndex(List.of(1, 2, 3), 0));
    assertEquals(2, DmtlLoss.rankIndex(List.of(1, 2, 3), 3));
    assertEquals(2, DmtlLoss.rankIndex(List.of(1, 2, 3), 99));
  }
}
